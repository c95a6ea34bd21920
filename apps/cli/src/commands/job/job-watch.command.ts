import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { waitForJob } from './wait-for-job.js';

/** `pitrix job watch <id>`: follows a job to its end; non-zero exit when it fails. */
export function jobWatchCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('watch')
    .argument('<id>', 'job id')
    .description('Follow a job’s layers and tasks until it ends')
    .action(async (id: string, _opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const job = await waitForJob(api, out, id);
      out.result(job, () => `job ${job.id} successful: ${job.action} of ${job.clusterId}`);
    });
}
