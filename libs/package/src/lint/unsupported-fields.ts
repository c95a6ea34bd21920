import type { BlueprintTemplate } from '../render/template.js';
import { error, type PackageProblem } from '../problems.js';
import type { Blueprint } from '../schema/blueprint.js';
import { locate, summarise } from '../schema/validate.js';

/** `*` stands for every index of a list or every key of a map. */
type PathPattern = readonly (string | '*')[];

interface UnsupportedField {
  readonly path: PathPattern;
  /** Only these values are refused; without it, any value is. */
  readonly values?: readonly unknown[];
  /** Matched in the document as written: the schema gives the field a default, so the parsed blueprint always has it. */
  readonly asWritten?: boolean;
  readonly why: string;
}

/**
 * Fields the blueprint schema accepts (the AppCenter and OpenPitrix formats declare them) but the
 * platform does not act on. A package declaring one would promise behaviour that never happens,
 * so lint refuses it.
 */
export const UNSUPPORTED_FIELDS: readonly UnsupportedField[] = [
  { path: ['subnet'], why: 'the network comes from where the cluster is placed, not from the blueprint' },
  { path: ['endpoints', 'reserved_ips'], why: 'no address is ever reserved or filled in' },
  { path: ['backupPolicy'], values: ['device'], why: 'no volume snapshot is taken; use "custom" with a backup hook' },
  { path: ['incrementalBackupSupported'], why: 'backups are whatever the backup hook does' },
  { path: ['advancedActions', '*'], values: ['change_subnet', 'change_vxnet', 'associate_eip'], why: 'the platform offers no such operation' },
  { path: ['advancedServices'], why: 'node display names are never asked for' },
  { path: ['metadataRootAccess'], why: 'nodes see only their own cluster' },
  { path: ['displayTabs'], why: 'no tab is ever shown' },
  { path: ['multiZonePolicy'], why: 'a cluster is placed in one zone' },
  { path: ['nodes', '*', 'instanceClass'], why: 'instances are chosen by cpu, memory and gpu' },
  { path: ['nodes', '*', 'gpuClass'], why: 'instances are chosen by cpu, memory and gpu' },
  { path: ['nodes', '*', 'instanceType'], why: 'instances are chosen by cpu, memory and gpu' },
  { path: ['nodes', '*', 'instanceSize'], why: 'the root disk is the image\'s own' },
  { path: ['nodes', '*', 'volume', 'mountOptions'], why: 'volumes are attached, not mounted with options' },
  { path: ['nodes', '*', 'volume', 'class'], why: 'every volume is of the runtime\'s one kind' },
  { path: ['nodes', '*', 'volume', 'filesystem'], asWritten: true, why: 'volumes are attached as the provider gives them; none is formatted' },
  { path: ['nodes', '*', 'userAccess'], why: 'users are never given access to nodes' },
  { path: ['nodes', '*', 'loadbalancer'], why: 'no load balancer is attached' },
  { path: ['nodes', '*', 'advancedActions', '*'], values: ['change_subnet', 'change_vxnet', 'associate_eip'], why: 'the platform offers no such operation' },
];

/**
 * Reports every unsupported field of a rendered, valid blueprint as an error at the path the
 * author wrote (`nodes[1].user_access`), found through `document`, the rendered value before its
 * keys were read as camelCase.
 */
export function checkUnsupportedFields(template: BlueprintTemplate, document: unknown, blueprint: Blueprint): PackageProblem[] {
  const source = { file: template.file, tree: template.tree, text: template.text };
  return UNSUPPORTED_FIELDS.flatMap((field) =>
    matches(field.asWritten ? document : blueprint, field.path)
      .filter(({ value }) => field.values === undefined || field.values.includes(value))
      .map(({ path, value }) => {
        const at = locate(source, document, writtenAlias(document, path));
        return error(template.file, at.path, 'field.unsupported', `${at.where}is not supported: the platform does not act on it (${field.why}); remove it`, { found: summarise(value) });
      }),
  );
}

// The blueprint reads AppCenter's `vxnet` as `subnet`; the author is told the key they wrote.
const CLUSTER_KEY_ALIASES: Readonly<Record<string, string>> = { subnet: 'vxnet' };

function writtenAlias(document: unknown, path: readonly PropertyKey[]): readonly PropertyKey[] {
  const [head, ...rest] = path;
  const alias = typeof head === 'string' ? CLUSTER_KEY_ALIASES[head] : undefined;
  const written = typeof document === 'object' && document !== null && alias !== undefined && Object.hasOwn(document, alias);
  return written ? [alias, ...rest] : path;
}

interface Match {
  readonly path: PropertyKey[];
  readonly value: unknown;
}

function matches(value: unknown, pattern: PathPattern, path: PropertyKey[] = []): Match[] {
  if (value === undefined) return [];
  const [head, ...rest] = pattern;
  if (head === undefined) return [{ path, value }];
  if (typeof value !== 'object' || value === null) return [];
  if (head !== '*') return matches((value as Record<string, unknown>)[head], rest, [...path, head]);
  const entries: [PropertyKey, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  return entries.flatMap(([key, item]) => matches(item, rest, [...path, key]));
}
