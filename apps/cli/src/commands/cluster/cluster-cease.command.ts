import { Command } from 'commander';
import { DRY_RUN_OPTION, runOperation, WAIT_OPTION } from '../job/run-operation.js';

/** `pitrix cluster cease <id>`. */
export function clusterCeaseCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('cease')
    .argument('<id>', 'cluster id')
    .description('Remove a deleted cluster for good (instances, volumes, metadata)')
    .option('--force', 'even while live clusters link to it (their links then resolve to nothing)', false)
    .option(...WAIT_OPTION)
    .option(...DRY_RUN_OPTION)
    .action(async (id: string, opts: { force: boolean; wait?: boolean; dryRun?: boolean }, command: Command) => {
      await runOperation(command, env, { mutation: 'ceaseCluster', variables: { id, force: opts.force }, types: { id: 'ID!', force: 'Boolean' }, plan: { operation: 'CEASE', clusterId: id, force: opts.force } }, opts);
    });
}
