import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { table } from '../../output.js';
import { CLUSTER_FIELDS, type ClusterView } from './cluster-queries.js';

const QUERY = `query($filter: ClusterFilter, $page: PageInput) { clusters(filter: $filter, page: $page) { totalCount edges { node { ${CLUSTER_FIELDS} } } } }`;

/** `pitrix cluster list`: the clusters you can see, newest first. */
export function clusterListCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('list')
    .description('List clusters')
    .option('--runtime <id>', 'only on this runtime')
    .option('--app <id>', 'only of this app')
    .option('--status <status>', 'only in this status (pending, active, stopped, failed, deleted, ceased)')
    .option('--owner <user>', 'only of this owner')
    .option('--search <text>', 'match id, name or description')
    .option('--limit <n>', 'at most this many', '50')
    .action(async (opts: { runtime?: string; app?: string; status?: string; owner?: string; search?: string; limit: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const filter = { runtimeId: opts.runtime, appId: opts.app, status: opts.status, owner: opts.owner, search: opts.search };
      const { clusters } = await api.request<{ clusters: { totalCount: number; edges: Array<{ node: ClusterView }> } }>(QUERY, { filter, page: { first: Number(opts.limit) } });
      const rows = clusters.edges.map((edge) => edge.node);
      out.result({ totalCount: clusters.totalCount, clusters: rows }, () =>
        table(['ID', 'NAME', 'STATUS', 'TRANSITION', 'APP', 'VERSION', 'RUNTIME', 'OWNER'], rows.map((c) => [c.id, c.name, c.status, c.transitionStatus || '-', c.appId, c.versionId, c.runtimeId, c.owner])),
      );
    });
}
