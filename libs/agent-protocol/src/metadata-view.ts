import type { ClusterDocument, ConfigTemplateEntry, HealthCheckSpec, HealthChecksDocument, HostDocument, LinkDocument, MonitorSpec, PackageFile } from './metadata-documents.js';
import { roleToken } from './metadata-keys.js';

/** The decoded entries of a metadata bucket: key → JSON value. */
export type MetadataEntries = ReadonlyMap<string, unknown>;

/** Hosts grouped as templates see them: `{ <role>: { <node_id>: host } }`, or `{ <node_id>: host }` role-less. */
export type HostsByRole = Record<string, unknown>;

/** A node's `/self` view: what its templates render and its metadata server serves. */
export interface SelfView {
  readonly host: HostDocument | Record<string, never>;
  readonly hosts: HostsByRole;
  readonly cluster: ClusterDocument | Record<string, never>;
  readonly env: Record<string, string>;
  readonly links: Record<string, { cluster: ClusterDocument | Record<string, never>; hosts: HostsByRole }>;
  readonly 'adding-hosts': HostsByRole;
  readonly 'deleting-hosts': HostsByRole;
}

/** Which node a view is for. */
export interface ViewIdentity {
  readonly clusterId: string;
  readonly nodeId: string;
  readonly role: string;
}

/** Entries under `prefix` with the rest of their key, e.g. `clusters.c1.hosts.` → `n1`. */
function under(entries: MetadataEntries, prefix: string): Array<[string, unknown]> {
  const found: Array<[string, unknown]> = [];
  for (const [key, value] of entries) if (key.startsWith(prefix) && value !== undefined) found.push([key.slice(prefix.length), value]);
  return found.sort(([a], [b]) => a.localeCompare(b));
}

function object<T>(value: unknown): T | Record<string, never> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as T) : {};
}

function groupHosts(entries: MetadataEntries, clusterId: string, section: string): HostsByRole {
  const grouped: Record<string, Record<string, unknown>> = {};
  const roleless: Record<string, unknown> = {};
  for (const [nodeId, value] of under(entries, `clusters.${clusterId}.${section}.`)) {
    const host = object<HostDocument>(value);
    const role = typeof host.role === 'string' ? host.role : '';
    if (role === '') roleless[nodeId] = host;
    else (grouped[role] ??= {})[nodeId] = host;
  }
  return { ...roleless, ...grouped };
}

function stringMap(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(object<Record<string, unknown>>(value))) result[key] = String(item);
  return result;
}

/**
 * Builds node `self`'s view from the bucket: its host, its cluster's hosts by role, the role's env
 * merged over the cluster's env, linked clusters and the hosts being added or deleted.
 */
export function buildSelfView(entries: MetadataEntries, self: ViewIdentity): SelfView {
  const base = `clusters.${self.clusterId}`;
  const links: SelfView['links'] = {};
  for (const [alias, value] of under(entries, `${base}.links.`)) {
    const target = object<LinkDocument>(value).cluster_id;
    if (typeof target !== 'string') continue;
    links[alias] = { cluster: object<ClusterDocument>(entries.get(`clusters.${target}.cluster`)), hosts: groupHosts(entries, target, 'hosts') };
  }
  return {
    host: object<HostDocument>(entries.get(`${base}.hosts.${self.nodeId}`)),
    hosts: groupHosts(entries, self.clusterId, 'hosts'),
    cluster: object<ClusterDocument>(entries.get(`${base}.cluster`)),
    env: { ...stringMap(entries.get(`${base}.env`)), ...stringMap(entries.get(`${base}.roles.${roleToken(self.role)}.env`)) },
    links,
    'adding-hosts': groupHosts(entries, self.clusterId, 'adding-hosts'),
    'deleting-hosts': groupHosts(entries, self.clusterId, 'deleting-hosts'),
  };
}

/** The config templates of `role` in cluster `clusterId`, by name. */
export function templatesFor(entries: MetadataEntries, clusterId: string, role: string): ConfigTemplateEntry[] {
  return under(entries, `clusters.${clusterId}.roles.${roleToken(role)}.templates.`).map(([, value]) => value as ConfigTemplateEntry);
}

/** The health check of `role` in cluster `clusterId`, if the package declares one and checks are not paused. */
export function healthCheckFor(entries: MetadataEntries, clusterId: string, role: string): HealthCheckSpec | undefined {
  if (object<HealthChecksDocument>(entries.get(`clusters.${clusterId}.health_checks`)).paused === true) return undefined;
  return entries.get(`clusters.${clusterId}.roles.${roleToken(role)}.health`) as HealthCheckSpec | undefined;
}

/** The monitor of `role` in cluster `clusterId`, if the package declares an enabled one. */
export function monitorFor(entries: MetadataEntries, clusterId: string, role: string): MonitorSpec | undefined {
  return entries.get(`clusters.${clusterId}.roles.${roleToken(role)}.monitor`) as MonitorSpec | undefined;
}

/** The package files of cluster `clusterId`. */
export function filesFor(entries: MetadataEntries, clusterId: string): PackageFile[] {
  return under(entries, `clusters.${clusterId}.files.`).map(([, value]) => value as PackageFile);
}

/** The subtree of `view` at a `/`-separated path (`hosts/master`), or undefined when absent. */
export function viewSubtree(view: SelfView, path: string): unknown {
  let current: unknown = view;
  for (const segment of path.split('/').filter((s) => s !== '')) {
    if (typeof current !== 'object' || current === null || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
