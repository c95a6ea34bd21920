import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { table } from '../../output.js';
import { JOB_FIELDS, type JobView } from './job-queries.js';

const QUERY = `query($filter: JobFilter, $page: PageInput) { jobs(filter: $filter, page: $page) { totalCount edges { node { ${JOB_FIELDS} } } } }`;

/** `pitrix job list`: jobs of your clusters, newest first. */
export function jobListCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('list')
    .description('List jobs')
    .option('--cluster <id>', 'only of this cluster')
    .option('--status <status>', 'only in this status (pending, running, successful, failed, cancelled)')
    .option('--limit <n>', 'at most this many', '50')
    .action(async (opts: { cluster?: string; status?: string; limit: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { jobs } = await api.request<{ jobs: { totalCount: number; edges: Array<{ node: JobView }> } }>(QUERY, {
        filter: { clusterId: opts.cluster, status: opts.status },
        page: { first: Number(opts.limit) },
      });
      const rows = jobs.edges.map((edge) => edge.node);
      out.result({ totalCount: jobs.totalCount, jobs: rows }, () =>
        table(['ID', 'CLUSTER', 'ACTION', 'STATUS', 'LAYER', 'RETRIES', 'STARTED', 'FAILED TASK'], rows.map((j) => [j.id, j.clusterId, j.action, j.status, `${j.currentLayer + 1}/${j.layers.length}`, j.retries, j.startedAt, j.failedTaskId])),
      );
    });
}
