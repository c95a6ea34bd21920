import { Command } from 'commander';
import { runOperation, WAIT_OPTION } from '../job/run-operation.js';

/** `pitrix cluster restart <id>`. */
export function clusterRestartCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('restart')
    .argument('<id>', 'cluster id')
    .description('Restart an active cluster')
    .option(...WAIT_OPTION)
    .action(async (id: string, opts: { wait?: boolean }, command: Command) => {
      await runOperation(command, env, { mutation: 'restartCluster', variables: { id }, types: { id: 'ID!' } }, opts);
    });
}
