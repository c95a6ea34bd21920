import { Command } from 'commander';
import { DRY_RUN_OPTION, runOperation, WAIT_OPTION } from '../job/run-operation.js';

/** `pitrix cluster resize <id> --role r [--cpu n] [--memory MiB] [--volume GiB]`. */
export function clusterResizeCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('resize')
    .argument('<id>', 'cluster id')
    .description('Change the size of a role’s nodes (vertical scaling)')
    .requiredOption('--role <role>', 'role to resize')
    .option('--cpu <n>', 'CPUs per node')
    .option('--memory <MiB>', 'memory per node, in MiB')
    .option('--volume <GiB>', 'volume per node, in GiB')
    .option(...WAIT_OPTION)
    .option(...DRY_RUN_OPTION)
    .action(async (id: string, opts: { role: string; cpu?: string; memory?: string; volume?: string; wait?: boolean; dryRun?: boolean }, command: Command) => {
      const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
      const input = { roles: [{ role: opts.role, cpu: number(opts.cpu), memoryMiB: number(opts.memory), volumeSizeGiB: number(opts.volume) }] };
      await runOperation(command, env, { mutation: 'resizeCluster', variables: { id, input }, types: { id: 'ID!', input: 'ResizeClusterInput!' }, plan: { operation: 'RESIZE', clusterId: id, resize: input } }, opts);
    });
}
