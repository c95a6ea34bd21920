import { Command } from 'commander';
import { runOperation, WAIT_OPTION } from '../job/run-operation.js';
import { valuesFrom } from './cluster-queries.js';

/** `pitrix cluster update-env <id> --set env.key=value`. */
export function clusterUpdateEnvCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('update-env')
    .argument('<id>', 'cluster id')
    .description('Change values (only `changeable` ones); nodes re-render their config')
    .option('--values <json>', 'values to change: JSON, @file.json or -')
    .option('--set <path=value...>', 'one value to change, e.g. --set env.maxmemory=256')
    .option(...WAIT_OPTION)
    .action(async (id: string, opts: { values?: string; set?: string[]; wait?: boolean }, command: Command) => {
      await runOperation(command, env, { mutation: 'updateClusterEnv', variables: { id, values: valuesFrom(opts) }, types: { id: 'ID!', values: 'JSONObject!' } }, opts);
    });
}
