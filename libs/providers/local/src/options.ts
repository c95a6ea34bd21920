import { PitrixError, type Problem } from '@pitrix/errors';
import { declaredOptionKeys, type ProviderOptionField, type ResourceDemand } from '@pitrix/provider-contract';
import { cpus, totalmem } from 'node:os';

/** How the machine runs local instances; set once per process from its configuration. */
export interface LocalProviderConfig {
  /** Folder that holds every instance, volume and network of this machine. */
  readonly root: string;
  /** Node entry scripts of the agents (docs/contracts.md §4). */
  readonly agentEntries: Readonly<Record<'drone' | 'frontgate', string>>;
  /** Folders put first on every instance's PATH (where nats-server lives). */
  readonly binPaths: readonly string[];
  /** The Node executable that runs the agents. */
  readonly nodeExecutable: string;
  /** Node entry script of the drone simulator (runtimes with `simulateDrones`). */
  readonly droneSimulatorEntry?: string;
}

/** Per-runtime options of a `local` runtime (stored on the runtime, validated here). */
export interface LocalRuntimeOptions {
  readonly zones: readonly string[];
  readonly networks: readonly string[];
  /**
   * Each instance in its own network namespace on its network's bridge (`namespaces` mode, see
   * networks.ts): true requires it, false never does it, unset does it where the machine allows.
   */
  readonly isolateNetworks?: boolean;
  readonly quota: ResourceDemand;
  /**
   * Drones of this runtime are simulated: many in one simulator process, each speaking the real
   * protocol over the real frontgate, running no command. For scale tests and benchmarks.
   */
  readonly simulateDrones: boolean;
  /** How long each command takes on a simulated drone. */
  readonly simulatedCommandMs: number;
}

const NAME = /^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/;
const DEFAULT_ZONES = ['local'];
const DEFAULT_NETWORKS = ['default'];
const DEFAULT_SIMULATED_COMMAND_MS = 100;
const MAX_SIMULATED_COMMAND_MS = 600_000;

/** The default quota: what this machine can honestly promise, with room for idle processes. */
export function defaultQuota(): ResourceDemand {
  return { instances: 500, cpu: cpus().length * 16, memoryMiB: Math.floor((totalmem() / 1024 / 1024) * 4), volumes: 1000, volumeGiB: 1000 };
}

const QUOTA_LABELS: Readonly<Record<keyof ResourceDemand, [label: string, what: string]>> = {
  instances: ['Quota: instances', 'instances'],
  cpu: ['Quota: CPU cores', 'CPU cores'],
  memoryMiB: ['Quota: memory (MiB)', 'MiB of memory'],
  volumes: ['Quota: volumes', 'volumes'],
  volumeGiB: ['Quota: volume size (GiB)', 'GiB of volumes'],
};

/**
 * The options a `local` runtime accepts, for forms; `parseLocalOptions` takes its keys and
 * defaults from here. Quota defaults are this machine's (see `defaultQuota`).
 */
export const LOCAL_OPTION_FIELDS: readonly ProviderOptionField[] = [
  { key: 'zones', label: 'Zones', type: 'string-list', required: false, default: DEFAULT_ZONES, description: 'Names of the zones this runtime offers (lowercase letters, digits and -, up to 32 each).' },
  { key: 'networks', label: 'Networks', type: 'string-list', required: false, default: DEFAULT_NETWORKS, description: 'Names of the networks clusters may land in; each gets its own frontgate.' },
  {
    key: 'isolateNetworks',
    label: 'Isolate networks',
    type: 'boolean',
    required: false,
    description: 'Run each instance in its own network namespace on its network\'s bridge. Unset: isolate where the machine allows it; true requires it; false never does it.',
  },
  ...(Object.entries(defaultQuota()) as Array<[keyof ResourceDemand, number]>).map(([resource, amount]): ProviderOptionField => ({
    key: `quota.${resource}`,
    label: QUOTA_LABELS[resource][0],
    type: 'number',
    required: false,
    default: amount,
    description: `How many ${QUOTA_LABELS[resource][1]} this runtime may use in all (a whole number >= 0); the default is what this machine can promise.`,
  })),
  { key: 'simulateDrones', label: 'Simulate drones', type: 'boolean', required: false, default: false, description: 'Simulate the drones (many in one process, running no command): for scale tests and benchmarks.' },
  {
    key: 'simulatedCommandMs',
    label: 'Simulated command time (ms)',
    type: 'number',
    required: false,
    default: DEFAULT_SIMULATED_COMMAND_MS,
    description: `How long each command takes on a simulated drone, in milliseconds (0 to ${MAX_SIMULATED_COMMAND_MS}).`,
  },
];

/** Validates a runtime's options, reporting every bad field; missing fields take defaults. */
export function parseLocalOptions(raw: Readonly<Record<string, unknown>>): LocalRuntimeOptions {
  const problems: Problem[] = [];
  const zones = names(raw.zones, 'options.zones', DEFAULT_ZONES, problems);
  const networks = names(raw.networks, 'options.networks', DEFAULT_NETWORKS, problems);
  const isolateNetworks = raw.isolateNetworks;
  if (isolateNetworks !== undefined && typeof isolateNetworks !== 'boolean') {
    problems.push({ path: 'options.isolateNetworks', message: 'must be a boolean', expected: 'true or false', found: isolateNetworks });
  }
  const quota = parseQuota(raw.quota, problems);
  const simulateDrones = raw.simulateDrones ?? false;
  if (typeof simulateDrones !== 'boolean') {
    problems.push({ path: 'options.simulateDrones', message: 'must be a boolean', expected: 'true or false', found: simulateDrones });
  }
  const simulatedCommandMs = raw.simulatedCommandMs ?? DEFAULT_SIMULATED_COMMAND_MS;
  if (typeof simulatedCommandMs !== 'number' || !Number.isInteger(simulatedCommandMs) || simulatedCommandMs < 0 || simulatedCommandMs > MAX_SIMULATED_COMMAND_MS) {
    problems.push({ path: 'options.simulatedCommandMs', message: 'must be a whole number of milliseconds', expected: `0 to ${MAX_SIMULATED_COMMAND_MS}`, found: simulatedCommandMs });
  }
  const known = declaredOptionKeys(LOCAL_OPTION_FIELDS);
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) problems.push({ path: `options.${key}`, message: 'unknown option', expected: known.join(', '), found: key });
  }
  if (problems.length > 0) throw new PitrixError('RUNTIME.OPTIONS_INVALID', 'Invalid options for a local runtime', problems);
  return { zones, networks, isolateNetworks: isolateNetworks as boolean | undefined, quota, simulateDrones: simulateDrones as boolean, simulatedCommandMs: simulatedCommandMs as number };
}

function names(value: unknown, path: string, fallback: readonly string[], problems: Problem[]): string[] {
  if (value === undefined) return [...fallback];
  if (!Array.isArray(value) || value.length === 0) {
    problems.push({ path, message: 'must be a non-empty list of names', expected: 'e.g. ["default"]', found: value });
    return [...fallback];
  }
  value.forEach((item, index) => {
    if (typeof item !== 'string' || !NAME.test(item)) {
      problems.push({ path: `${path}[${index}]`, message: 'invalid name', expected: 'lowercase letters, digits and -, up to 32', found: item });
    }
  });
  return value as string[];
}

function parseQuota(value: unknown, problems: Problem[]): ResourceDemand {
  const quota = { ...defaultQuota() };
  if (value === undefined) return quota;
  if (typeof value !== 'object' || value === null) {
    problems.push({ path: 'options.quota', message: 'must be an object', found: value });
    return quota;
  }
  for (const [key, amount] of Object.entries(value)) {
    if (!(key in quota)) {
      problems.push({ path: `options.quota.${key}`, message: 'unknown quota', expected: Object.keys(quota).join(', '), found: key });
    } else if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0) {
      problems.push({ path: `options.quota.${key}`, message: 'must be a whole number >= 0', found: amount });
    } else {
      quota[key as keyof ResourceDemand] = amount;
    }
  }
  return quota;
}
