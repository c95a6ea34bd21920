import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { age, table } from '../../output.js';
import { CLUSTER_FIELDS, type ClusterView } from './cluster-queries.js';

const QUERY = `query($id: ID!) { cluster(id: $id) { ${CLUSTER_FIELDS} health { status healthy unhealthy unknown since } healing { enabled graceSeconds } nodes { id role serverId status privateIp instanceId cpu memoryMiB volumeSizeGiB health { status reason message since } } roles { role nodeCount cpu memoryMiB volumeSizeGiB containerImage } endpoints { name host port protocol } } }`;

interface HealthView {
  status: string;
  reason: string;
  message: string;
  since: string | null;
}

interface ClusterDetail extends ClusterView {
  health: { status: string; healthy: number; unhealthy: number; unknown: number; since: string | null };
  healing: { enabled: boolean; graceSeconds: number };
  nodes: Array<{ id: string; role: string; serverId: number; status: string; privateIp: string | null; instanceId: string | null; cpu: number; memoryMiB: number; health: HealthView | null }>;
  roles: Array<{ role: string; nodeCount: number; cpu: number; memoryMiB: number; volumeSizeGiB: number; containerImage: string | null }>;
  endpoints: Array<{ name: string; host: string; port: number; protocol: string }>;
}

// A node's health cell: the state, and the reason when it is not plainly healthy.
function healthCell(health: HealthView | null): string {
  if (!health) return '-';
  return health.status === 'healthy' ? 'healthy' : `${health.status} (${health.reason})`;
}

/** `pitrix cluster show <id>`: status, health, nodes, roles and endpoints. */
export function clusterShowCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('show')
    .argument('<id>', 'cluster id')
    .description('Show a cluster with its health, nodes, roles and endpoints')
    .action(async (id: string, _opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { cluster } = await api.request<{ cluster: ClusterDetail }>(QUERY, { id });
      out.result(cluster, () =>
        [
          `id:          ${cluster.id}`,
          `name:        ${cluster.name}`,
          `status:      ${cluster.status}${cluster.transitionStatus ? ` (${cluster.transitionStatus})` : ''}: ${cluster.statusReason} ${cluster.statusMessage}`,
          `app:         ${cluster.appId} ${cluster.versionId}`,
          `runtime:     ${cluster.runtimeId}`,
          `last job:    ${cluster.lastJobId ?? '-'}${cluster.failedJobId ? `  failed job: ${cluster.failedJobId}` : ''}`,
          `owner:       ${cluster.owner}`,
          `health:      ${cluster.health.status} (${cluster.health.healthy} healthy, ${cluster.health.unhealthy} unhealthy, ${cluster.health.unknown} unknown)${cluster.health.since ? ` since ${cluster.health.since}` : ''}`,
          `healing:     ${cluster.healing.enabled ? `on: a node down for ${cluster.healing.graceSeconds} s gets a new instance` : 'off'}`,
          '',
          table(
            ['NODE', 'ROLE', 'SID', 'STATUS', 'HEALTH', 'SINCE', 'IP', 'INSTANCE', 'CPU', 'MEMORY'],
            cluster.nodes.map((n) => [n.id, n.role || '-', n.serverId, n.status, healthCell(n.health), age(n.health?.since), n.privateIp, n.instanceId, n.cpu, `${n.memoryMiB} MiB`]),
          ),
          ...unhealthyMessages(cluster.nodes),
          '',
          table(['ROLE', 'NODES', 'CPU', 'MEMORY', 'VOLUME', 'IMAGE'], cluster.roles.map((r) => [r.role || '-', r.nodeCount, r.cpu, `${r.memoryMiB} MiB`, `${r.volumeSizeGiB} GiB`, r.containerImage])),
          ...(cluster.endpoints.length > 0 ? ['', table(['ENDPOINT', 'HOST', 'PORT', 'PROTOCOL'], cluster.endpoints.map((e) => [e.name, e.host, e.port, e.protocol]))] : []),
        ].join('\n'),
      );
    });
}

// Why each node that is not healthy is so, in the words its health gives.
function unhealthyMessages(nodes: ClusterDetail['nodes']): string[] {
  const lines = nodes.filter((n) => n.health && n.health.status !== 'healthy').map((n) => `  ${n.id}: ${n.health?.message}`);
  return lines.length > 0 ? ['', 'not healthy:', ...lines] : [];
}
