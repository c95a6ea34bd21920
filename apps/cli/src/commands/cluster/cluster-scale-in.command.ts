import { Command } from 'commander';
import { DRY_RUN_OPTION, runOperation, WAIT_OPTION } from '../job/run-operation.js';

/** `pitrix cluster scale-in <id> --node cln-... [--node ...]`. */
export function clusterScaleInCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('scale-in')
    .argument('<id>', 'cluster id')
    .description('Remove nodes (the remaining ones run their scale_in hooks)')
    .requiredOption('--node <id...>', 'nodes to remove')
    .option('--force', 'overriding destroy-hook vetoes', false)
    .option(...WAIT_OPTION)
    .option(...DRY_RUN_OPTION)
    .action(async (id: string, opts: { node: string[]; force: boolean; wait?: boolean; dryRun?: boolean }, command: Command) => {
      const variables = { id, nodeIds: opts.node, force: opts.force };
      await runOperation(command, env, { mutation: 'deleteNodes', variables, types: { id: 'ID!', nodeIds: '[ID!]!', force: 'Boolean' }, plan: { operation: 'DELETE_NODES', clusterId: id, nodeIds: variables.nodeIds, force: variables.force } }, opts);
    });
}
