import { Command } from 'commander';
import { DRY_RUN_OPTION, runOperation, WAIT_OPTION } from '../job/run-operation.js';

/** `pitrix cluster backup <id> [--snapshot-id s]`: runs the backup hooks under a snapshot id. */
export function clusterBackupCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('backup')
    .argument('<id>', 'cluster id')
    .description('Back a cluster up: its roles’ backup hooks run under a snapshot id')
    .option('--snapshot-id <id>', 'the snapshot id to use (default: a new one)')
    .option(...WAIT_OPTION)
    .option(...DRY_RUN_OPTION)
    .action(async (id: string, opts: { snapshotId?: string; wait?: boolean; dryRun?: boolean }, command: Command) => {
      const variables = { id, snapshotId: opts.snapshotId };
      await runOperation(command, env, { mutation: 'backupCluster', variables, types: { id: 'ID!', snapshotId: 'String' }, plan: { operation: 'BACKUP', clusterId: id, snapshotId: opts.snapshotId } }, opts);
    });
}
