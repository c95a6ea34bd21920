import { blueprintLinks, type NodeState } from '@pitrix/cluster-model';
import type { ClusterJobPayload, ClusterMetadataPatch, HostMetadata, TemplateMetadata } from './ports.js';

/** The parts of a rendered blueprint the metadata is built from. */
export interface BlueprintView {
  readonly name: string;
  readonly description?: string;
  readonly env?: Readonly<Record<string, unknown>>;
  readonly endpoints?: Readonly<Record<string, unknown>>;
  readonly links?: Readonly<Record<string, string>>;
  readonly healthCheck?: Readonly<Record<string, unknown>>;
  readonly monitor?: Readonly<Record<string, unknown>>;
  readonly nodes: ReadonlyArray<{
    readonly role?: string;
    readonly env?: Readonly<Record<string, unknown>>;
    readonly healthCheck?: Readonly<Record<string, unknown>>;
    readonly monitor?: Readonly<Record<string, unknown>>;
    readonly configTemplates?: ReadonlyArray<{ readonly name: string; readonly source: string; readonly destination: string; readonly reloadCmd?: string; readonly mode?: string }>;
  }>;
}

/** A node as the metadata shows it. */
export function hostOf(node: NodeState): HostMetadata {
  return {
    node_id: node.nodeId,
    instance_id: node.instanceId ?? '',
    ip: node.privateIp ?? '',
    sid: node.serverId,
    gid: node.groupId,
    role: node.role,
    cpu: node.cpu,
    memory: node.memoryMiB,
    gpu: node.gpu,
    volume_size: node.volumeSizeGiB,
    ...(node.token ? { token: node.token } : {}),
    ...(node.pubKey ? { pub_key: node.pubKey } : {}),
  };
}

function stringMap(values: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
}

/**
 * The whole metadata of a cluster (everything but the scaling-hosts sections): the cluster
 * document, env, per-role env, templates, health checks and monitors, the hosts that have an
 * address, and the package's `files/`. Replicas get their role's templates, health check and monitor.
 */
export function clusterMetadata(ids: { clusterId: string; appId: string; versionId: string; runtimeId: string }, payload: ClusterJobPayload, nodes: readonly NodeState[]): ClusterMetadataPatch {
  const blueprint = payload.blueprint as BlueprintView;
  const sources = new Map(payload.packageFiles.map((file) => [file.path, Buffer.from(file.contentBase64, 'base64').toString('utf8')]));
  const roles: Record<string, NonNullable<ClusterMetadataPatch['roles']>[string]> = {};
  for (const role of blueprint.nodes) {
    const name = role.role ?? '';
    const templates: TemplateMetadata[] = (role.configTemplates ?? []).map((t) => ({
      name: t.name,
      destination: t.destination,
      content: sources.get(t.source) ?? '',
      ...(t.reloadCmd ? { reloadCmd: t.reloadCmd } : {}),
      ...(t.mode ? { mode: t.mode } : {}),
    }));
    const entry = {
      env: stringMap(role.env),
      templates,
      healthCheck: healthCheckSpec(role.healthCheck ?? blueprint.healthCheck),
      monitor: monitorSpec(role.monitor ?? blueprint.monitor),
    };
    roles[name] = entry;
    if (nodes.some((node) => node.role === `${name}-replica`)) roles[`${name}-replica`] = entry;
  }
  return {
    cluster: { cluster_id: ids.clusterId, app_id: ids.appId, version_id: ids.versionId, runtime_id: ids.runtimeId, name: blueprint.name, endpoints: resolvedEndpoints(blueprint) },
    env: stringMap(blueprint.env),
    roles,
    hosts: nodes.filter((node) => node.privateIp && node.status !== 'deleted').map(hostOf),
    links: blueprintLinks(blueprint),
    files: payload.packageFiles.filter((file) => file.path.startsWith('files/')).map((file) => ({ ...file, path: file.path.slice('files/'.length) })),
  };
}

/**
 * The blueprint's endpoints with each port as a number where the blueprint names an env value
 * (`env.port`, `<role>.env.port`): a linked cluster's templates read `links.<alias>.cluster.endpoints`
 * and need the port, not the reference. A port that does not resolve to a number is kept as written.
 */
function resolvedEndpoints(blueprint: BlueprintView): Record<string, unknown> {
  const resolved: Record<string, unknown> = {};
  for (const [name, endpoint] of Object.entries(blueprint.endpoints ?? {})) {
    const port = (endpoint as { port?: unknown } | null)?.port;
    resolved[name] = typeof port === 'string' && typeof endpoint === 'object' ? { ...endpoint, port: envPort(blueprint, port) ?? port } : endpoint;
  }
  return resolved;
}

/** The number an `env.key` or `<role>.env.key` reference names, if it is one. */
function envPort(blueprint: BlueprintView, reference: string): number | undefined {
  const match = /^(?:([^.]+)\.)?env\.(.+)$/.exec(reference);
  if (!match) return undefined;
  const [, role, key] = match;
  const env = role === undefined ? blueprint.env : blueprint.nodes.find((node) => node.role === role)?.env;
  const value = Number(env?.[key as string]);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

interface PackageHealthCheck {
  readonly enable?: boolean;
  readonly checkCmd?: string;
  readonly actionCmd?: string;
  readonly intervalSec?: number;
  readonly timeoutSec?: number;
  readonly actionTimeoutSec?: number;
  readonly healthyThreshold?: number;
  readonly unhealthyThreshold?: number;
}

/** A package's health check in the drone's terms; a disabled or absent one is null (no checks). */
function healthCheckSpec(check: Readonly<Record<string, unknown>> | undefined): Readonly<Record<string, unknown>> | null {
  const c = check as PackageHealthCheck | undefined;
  if (!c?.enable || !c.checkCmd) return null;
  return {
    checkCmd: c.checkCmd,
    intervalSeconds: c.intervalSec ?? 60,
    timeoutSeconds: c.timeoutSec ?? 10,
    healthyThreshold: c.healthyThreshold ?? 3,
    unhealthyThreshold: c.unhealthyThreshold ?? 3,
    ...(c.actionCmd ? { actionCmd: c.actionCmd, actionTimeoutSeconds: c.actionTimeoutSec ?? 30 } : {}),
  };
}

interface PackageMonitor {
  readonly enable?: boolean;
  readonly cmd?: string;
  readonly intervalSec?: number;
  readonly items?: Readonly<Record<string, { readonly valueType?: 'int' | 'str' }>>;
}

/** The monitor command's timeout: the package format promises the output within 5 s. */
const MONITOR_TIMEOUT_SECONDS = 5;

/** A package's monitor in the drone's terms; a disabled or absent one is null (nothing collected). */
function monitorSpec(monitor: Readonly<Record<string, unknown>> | undefined): Readonly<Record<string, unknown>> | null {
  const m = monitor as PackageMonitor | undefined;
  if (!m?.enable || !m.cmd) return null;
  return {
    cmd: m.cmd,
    intervalSeconds: m.intervalSec ?? 60,
    timeoutSeconds: MONITOR_TIMEOUT_SECONDS,
    items: Object.entries(m.items ?? {}).map(([name, item]) => ({ name, valueType: item.valueType ?? 'int' })),
  };
}
