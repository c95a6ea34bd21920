import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { JOB_FIELDS, JOB_QUERY, type JobView } from './job-queries.js';

const TERMINAL = new Set(['successful', 'failed', 'cancelled']);

/** `pitrix job cancel <id>`: stops a running job (nothing is undone; the cluster is left failed). */
export function jobCancelCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('cancel')
    .argument('<id>', 'running job id')
    .description('Cancel a running job; then roll it back or force-delete the cluster')
    .option('--wait', 'wait until the job has stopped')
    .action(async (id: string, opts: { wait?: boolean }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      let { cancelJob: job } = await api.request<{ cancelJob: JobView }>(`mutation($id: ID!) { cancelJob(id: $id) { ${JOB_FIELDS} } }`, { id });
      while (opts.wait && !TERMINAL.has(job.status)) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        job = (await api.request<{ job: JobView }>(JOB_QUERY, { id })).job;
      }
      out.result(job, () => `job ${job.id}: ${job.status === 'running' ? 'cancel requested' : job.status}`);
    });
}
