import { Command } from 'commander';
import { DRY_RUN_OPTION, runOperation, WAIT_OPTION } from '../job/run-operation.js';

/** `pitrix cluster stop <id>`. */
export function clusterStopCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('stop')
    .argument('<id>', 'cluster id')
    .description('Stop an active cluster')
    .option(...WAIT_OPTION)
    .option(...DRY_RUN_OPTION)
    .action(async (id: string, opts: { wait?: boolean; dryRun?: boolean }, command: Command) => {
      await runOperation(command, env, { mutation: 'stopCluster', variables: { id }, types: { id: 'ID!' }, plan: { operation: 'STOP', clusterId: id } }, opts);
    });
}
