import {
  metadataKeys,
  type ClusterDocument,
  type ConfigTemplateEntry,
  type HealthCheckSpec,
  type HealthChecksDocument,
  type HostDocument,
  type MonitorSpec,
  type PackageFile,
} from '@pitrix/agent-protocol';

/** A role's part of the metadata: its env, config templates, health check and monitor. */
export interface RoleMetadata {
  readonly env?: Readonly<Record<string, string>>;
  readonly templates?: readonly ConfigTemplateEntry[];
  /** null removes the health check (turns checking off). */
  readonly healthCheck?: HealthCheckSpec | null;
  /** null removes the monitor (the drone stops collecting). */
  readonly monitor?: MonitorSpec | null;
}

/**
 * A change to one cluster's metadata. Each section given replaces that section, except `hosts`
 * (upserted by node id) and `removeHosts`; sections not given are left alone. Applying the same
 * patch twice gives the same metadata, so a retried activity is harmless.
 */
export interface MetadataPatch {
  readonly cluster?: ClusterDocument;
  readonly env?: Readonly<Record<string, string>>;
  /** By role name ("" for a role-less app); each role given is replaced as a whole. */
  readonly roles?: Readonly<Record<string, RoleMetadata>>;
  readonly hosts?: readonly HostDocument[];
  readonly removeHosts?: readonly string[];
  readonly addingHosts?: readonly HostDocument[];
  readonly deletingHosts?: readonly HostDocument[];
  /** Alias → cluster id of a cluster in the same network. */
  readonly links?: Readonly<Record<string, string>>;
  readonly files?: readonly PackageFile[];
  /** Pauses or resumes the health checks of every role. */
  readonly healthChecks?: HealthChecksDocument;
}

/** The writes a patch needs: keys to put with their values, and key prefixes whose other keys go. */
export interface PatchPlan {
  readonly puts: ReadonlyArray<readonly [string, unknown]>;
  readonly deletes: readonly string[];
  /** Replaced sections: every existing key matching one of these filters and not put is deleted. */
  readonly replaced: readonly string[];
}

/** Turns a patch into key writes (pure: the writer executes the plan). */
export function planPatch(clusterId: string, patch: MetadataPatch): PatchPlan {
  const keys = metadataKeys(clusterId);
  const puts: Array<readonly [string, unknown]> = [];
  const replaced: string[] = [];
  if (patch.cluster) puts.push([keys.cluster, patch.cluster]);
  if (patch.env) puts.push([keys.env, patch.env]);
  if (patch.healthChecks) puts.push([keys.healthChecks, patch.healthChecks]);
  for (const host of patch.hosts ?? []) puts.push([keys.host('hosts', host.node_id), host]);
  const deletes = (patch.removeHosts ?? []).map((nodeId) => keys.host('hosts', nodeId));
  const replace = (filter: string, entries: Array<readonly [string, unknown]>) => {
    replaced.push(filter);
    puts.push(...entries);
  };
  if (patch.addingHosts) replace(keys.hosts('adding-hosts'), patch.addingHosts.map((h) => [keys.host('adding-hosts', h.node_id), h] as const));
  if (patch.deletingHosts) replace(keys.hosts('deleting-hosts'), patch.deletingHosts.map((h) => [keys.host('deleting-hosts', h.node_id), h] as const));
  if (patch.links) replace(keys.links, Object.entries(patch.links).map(([alias, id]) => [keys.link(alias), { cluster_id: id }] as const));
  if (patch.files) replace(keys.files, patch.files.map((file) => [keys.file(file.path), file] as const));
  for (const [role, meta] of Object.entries(patch.roles ?? {})) {
    if (meta.env) puts.push([keys.roleEnv(role), meta.env]);
    if (meta.templates) replace(keys.roleTemplates(role), meta.templates.map((t) => [keys.roleTemplate(role, t.name), t] as const));
    if (meta.healthCheck) puts.push([keys.roleHealth(role), meta.healthCheck]);
    else if (meta.healthCheck === null) deletes.push(keys.roleHealth(role));
    if (meta.monitor) puts.push([keys.roleMonitor(role), meta.monitor]);
    else if (meta.monitor === null) deletes.push(keys.roleMonitor(role));
  }
  return { puts, deletes, replaced };
}
