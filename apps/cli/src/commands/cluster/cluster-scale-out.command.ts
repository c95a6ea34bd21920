import { Command } from 'commander';
import { DRY_RUN_OPTION, runOperation, WAIT_OPTION } from '../job/run-operation.js';

/** `pitrix cluster scale-out <id> --role r --count n`. */
export function clusterScaleOutCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('scale-out')
    .argument('<id>', 'cluster id')
    .description('Add nodes to a role')
    .requiredOption('--role <role>', 'role to grow')
    .requiredOption('--count <n>', 'nodes to add')
    .option(...WAIT_OPTION)
    .option(...DRY_RUN_OPTION)
    .action(async (id: string, opts: { role: string; count: string; wait?: boolean; dryRun?: boolean }, command: Command) => {
      const variables = { id, role: opts.role, count: Number(opts.count) };
      await runOperation(command, env, { mutation: 'addNodes', variables, types: { id: 'ID!', role: 'String!', count: 'Int!' }, plan: { operation: 'ADD_NODES', clusterId: id, role: variables.role, count: variables.count } }, opts);
    });
}
