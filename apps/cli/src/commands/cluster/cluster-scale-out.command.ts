import { Command } from 'commander';
import { runOperation, WAIT_OPTION } from '../job/run-operation.js';

/** `pitrix cluster scale-out <id> --role r --count n`. */
export function clusterScaleOutCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('scale-out')
    .argument('<id>', 'cluster id')
    .description('Add nodes to a role')
    .requiredOption('--role <role>', 'role to grow')
    .requiredOption('--count <n>', 'nodes to add')
    .option(...WAIT_OPTION)
    .action(async (id: string, opts: { role: string; count: string; wait?: boolean }, command: Command) => {
      const variables = { id, role: opts.role, count: Number(opts.count) };
      await runOperation(command, env, { mutation: 'addNodes', variables, types: { id: 'ID!', role: 'String!', count: 'Int!' } }, opts);
    });
}
