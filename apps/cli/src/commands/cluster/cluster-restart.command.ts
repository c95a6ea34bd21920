import { Command } from 'commander';
import { DRY_RUN_OPTION, runOperation, WAIT_OPTION } from '../job/run-operation.js';

/** `pitrix cluster restart <id>`. */
export function clusterRestartCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('restart')
    .argument('<id>', 'cluster id')
    .description('Restart an active cluster')
    .option(...WAIT_OPTION)
    .option(...DRY_RUN_OPTION)
    .action(async (id: string, opts: { wait?: boolean; dryRun?: boolean }, command: Command) => {
      await runOperation(command, env, { mutation: 'restartCluster', variables: { id }, types: { id: 'ID!' }, plan: { operation: 'RESTART', clusterId: id } }, opts);
    });
}
