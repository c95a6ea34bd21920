import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { JOB_QUERY, type JobView } from './job-queries.js';
import { describeFailure, taskLines } from './wait-for-job.js';

/** `pitrix job show <id>`: the job, its layers and tasks, and why it failed. */
export function jobShowCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('show')
    .argument('<id>', 'job id')
    .description('Show a job with its layers and tasks')
    .action(async (id: string, _opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { job } = await api.request<{ job: JobView }>(JOB_QUERY, { id });
      out.result(job, () =>
        [
          `id:        ${job.id}`,
          `cluster:   ${job.clusterId}`,
          `action:    ${job.action}`,
          `status:    ${job.status}${job.live ? ` (live: ${job.phase}, layer ${job.currentLayer + 1}/${job.layers.length})` : ''}${job.retries ? `, retried ${job.retries}x` : ''}${job.rollbackStatus ? `, rollback ${job.rollbackStatus}` : ''}`,
          `history:   ${job.temporalUrl}`,
          ...job.layers.flatMap((layer) => [`layer ${layer.index + 1}/${job.layers.length}`, ...taskLines(layer.tasks)]),
          ...(job.status === 'failed' ? ['', describeFailure(job)] : []),
        ].join('\n'),
      );
    });
}
