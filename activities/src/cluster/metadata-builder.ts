import type { NodeState } from '@pitrix/cluster-model';
import type { ClusterJobPayload, ClusterMetadataPatch, HostMetadata, TemplateMetadata } from './ports.js';

/** The parts of a rendered blueprint the metadata is built from. */
export interface BlueprintView {
  readonly name: string;
  readonly description?: string;
  readonly env?: Readonly<Record<string, unknown>>;
  readonly endpoints?: Readonly<Record<string, unknown>>;
  readonly healthCheck?: Readonly<Record<string, unknown>>;
  readonly nodes: ReadonlyArray<{
    readonly role?: string;
    readonly env?: Readonly<Record<string, unknown>>;
    readonly healthCheck?: Readonly<Record<string, unknown>>;
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
 * document, env, per-role env, templates and health checks, the hosts that have an address, and
 * the package's `files/`. Replicas get their role's templates and health check.
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
    const entry = { env: stringMap(role.env), templates, healthCheck: healthCheckSpec(role.healthCheck ?? blueprint.healthCheck) };
    roles[name] = entry;
    if (nodes.some((node) => node.role === `${name}-replica`)) roles[`${name}-replica`] = entry;
  }
  return {
    cluster: { cluster_id: ids.clusterId, app_id: ids.appId, version_id: ids.versionId, runtime_id: ids.runtimeId, name: blueprint.name, endpoints: blueprint.endpoints ?? {} },
    env: stringMap(blueprint.env),
    roles,
    hosts: nodes.filter((node) => node.privateIp && node.status !== 'deleted').map(hostOf),
    files: payload.packageFiles.filter((file) => file.path.startsWith('files/')).map((file) => ({ ...file, path: file.path.slice('files/'.length) })),
  };
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
