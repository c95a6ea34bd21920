import { Command } from 'commander';
import { parseJsonOption } from '../../json-option.js';
import { DRY_RUN_OPTION, runOperation, WAIT_OPTION } from '../job/run-operation.js';

/** `pitrix cluster action <id> <name>`: a custom action the blueprint declares. */
export function clusterActionCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('action')
    .argument('<id>', 'cluster id')
    .argument('<name>', 'custom action')
    .description('Run a custom action')
    .option('--params <json>', 'action parameters: JSON, @file.json or -')
    .option(...WAIT_OPTION)
    .option(...DRY_RUN_OPTION)
    .action(async (id: string, name: string, opts: { params?: string; wait?: boolean; dryRun?: boolean }, command: Command) => {
      const input = { name, params: opts.params ? parseJsonOption(opts.params, '--params') : {} };
      await runOperation(command, env, { mutation: 'runClusterAction', variables: { id, input }, types: { id: 'ID!', input: 'RunClusterActionInput!' }, plan: { operation: 'RUN_ACTION', clusterId: id, action: input } }, opts);
    });
}
