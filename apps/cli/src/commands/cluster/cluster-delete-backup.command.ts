import { Command } from 'commander';
import { DRY_RUN_OPTION, runOperation, WAIT_OPTION } from '../job/run-operation.js';

/** `pitrix cluster delete-backup <id> --snapshot-id s`: runs the delete_snapshot hooks for a snapshot. */
export function clusterDeleteBackupCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('delete-backup')
    .argument('<id>', 'cluster id')
    .description('Delete a backup of a cluster: its roles’ delete_snapshot hooks run')
    .requiredOption('--snapshot-id <id>', 'the snapshot to delete (as `cluster backup` named it)')
    .option(...WAIT_OPTION)
    .option(...DRY_RUN_OPTION)
    .action(async (id: string, opts: { snapshotId: string; wait?: boolean; dryRun?: boolean }, command: Command) => {
      const variables = { id, snapshotId: opts.snapshotId };
      await runOperation(
        command,
        env,
        { mutation: 'deleteClusterBackup', variables, types: { id: 'ID!', snapshotId: 'String!' }, plan: { operation: 'DELETE_BACKUP', clusterId: id, snapshotId: opts.snapshotId } },
        opts,
      );
    });
}
