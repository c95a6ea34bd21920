import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { table } from '../../output.js';
import { CLUSTER_FIELDS, type ClusterView } from './cluster-queries.js';

const QUERY = `query($id: ID!) { cluster(id: $id) { ${CLUSTER_FIELDS} nodes { id role serverId status privateIp instanceId cpu memoryMiB volumeSizeGiB } roles { role nodeCount cpu memoryMiB volumeSizeGiB } endpoints { name host port protocol } } }`;

interface ClusterDetail extends ClusterView {
  nodes: Array<{ id: string; role: string; serverId: number; status: string; privateIp: string | null; instanceId: string | null; cpu: number; memoryMiB: number }>;
  roles: Array<{ role: string; nodeCount: number; cpu: number; memoryMiB: number; volumeSizeGiB: number }>;
  endpoints: Array<{ name: string; host: string; port: number; protocol: string }>;
}

/** `pitrix cluster show <id>`: status, nodes, roles and endpoints. */
export function clusterShowCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('show')
    .argument('<id>', 'cluster id')
    .description('Show a cluster with its nodes, roles and endpoints')
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
          '',
          table(['NODE', 'ROLE', 'SID', 'STATUS', 'IP', 'INSTANCE', 'CPU', 'MEMORY'], cluster.nodes.map((n) => [n.id, n.role || '-', n.serverId, n.status, n.privateIp, n.instanceId, n.cpu, `${n.memoryMiB} MiB`])),
          '',
          table(['ROLE', 'NODES', 'CPU', 'MEMORY', 'VOLUME'], cluster.roles.map((r) => [r.role || '-', r.nodeCount, r.cpu, `${r.memoryMiB} MiB`, `${r.volumeSizeGiB} GiB`])),
          ...(cluster.endpoints.length > 0 ? ['', table(['ENDPOINT', 'HOST', 'PORT', 'PROTOCOL'], cluster.endpoints.map((e) => [e.name, e.host, e.port, e.protocol]))] : []),
        ].join('\n'),
      );
    });
}
