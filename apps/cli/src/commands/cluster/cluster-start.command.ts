import { Command } from 'commander';
import { DRY_RUN_OPTION, runOperation, WAIT_OPTION } from '../job/run-operation.js';

/** `pitrix cluster start <id>`. */
export function clusterStartCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('start')
    .argument('<id>', 'cluster id')
    .description('Start a stopped cluster')
    .option(...WAIT_OPTION)
    .option(...DRY_RUN_OPTION)
    .action(async (id: string, opts: { wait?: boolean; dryRun?: boolean }, command: Command) => {
      await runOperation(command, env, { mutation: 'startCluster', variables: { id }, types: { id: 'ID!' }, plan: { operation: 'START', clusterId: id } }, opts);
    });
}
