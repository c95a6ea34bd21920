import { Command } from 'commander';
import { DRY_RUN_OPTION, runOperation, WAIT_OPTION } from '../job/run-operation.js';

/** `pitrix cluster delete <id>`: soft delete (recoverable until ceased). */
export function clusterDeleteCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('delete')
    .argument('<id>', 'cluster id')
    .description('Delete a cluster (recoverable with `cluster recover` until `cluster cease`)')
    .option('--force', 'from any status, overriding destroy-hook vetoes and links from live clusters (their links then resolve to nothing)', false)
    .option(...WAIT_OPTION)
    .option(...DRY_RUN_OPTION)
    .action(async (id: string, opts: { force: boolean; wait?: boolean; dryRun?: boolean }, command: Command) => {
      await runOperation(command, env, { mutation: 'deleteCluster', variables: { id, force: opts.force }, types: { id: 'ID!', force: 'Boolean' }, plan: { operation: 'DELETE', clusterId: id, force: opts.force } }, opts);
    });
}
