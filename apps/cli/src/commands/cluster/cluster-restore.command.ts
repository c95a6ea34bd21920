import { Command } from 'commander';
import { DRY_RUN_OPTION, runOperation, WAIT_OPTION } from '../job/run-operation.js';

/** `pitrix cluster restore <id> --snapshot-id s`: runs the restore hooks for a snapshot. */
export function clusterRestoreCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('restore')
    .argument('<id>', 'cluster id')
    .description('Restore a cluster from a snapshot: its roles’ restore hooks run')
    .requiredOption('--snapshot-id <id>', 'the snapshot to restore (as `cluster backup` named it)')
    .option(...WAIT_OPTION)
    .option(...DRY_RUN_OPTION)
    .action(async (id: string, opts: { snapshotId: string; wait?: boolean; dryRun?: boolean }, command: Command) => {
      const variables = { id, snapshotId: opts.snapshotId };
      await runOperation(command, env, { mutation: 'restoreCluster', variables, types: { id: 'ID!', snapshotId: 'String!' }, plan: { operation: 'RESTORE', clusterId: id, snapshotId: opts.snapshotId } }, opts);
    });
}
