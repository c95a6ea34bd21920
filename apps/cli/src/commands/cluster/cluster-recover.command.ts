import { Command } from 'commander';
import { DRY_RUN_OPTION, runOperation, WAIT_OPTION } from '../job/run-operation.js';

/** `pitrix cluster recover <id>`. */
export function clusterRecoverCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('recover')
    .argument('<id>', 'cluster id')
    .description('Bring a deleted cluster back')
    .option(...WAIT_OPTION)
    .option(...DRY_RUN_OPTION)
    .action(async (id: string, opts: { wait?: boolean; dryRun?: boolean }, command: Command) => {
      await runOperation(command, env, { mutation: 'recoverCluster', variables: { id }, types: { id: 'ID!' }, plan: { operation: 'RECOVER', clusterId: id } }, opts);
    });
}
