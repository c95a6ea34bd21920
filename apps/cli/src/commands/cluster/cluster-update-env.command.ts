import { Command } from 'commander';
import { DRY_RUN_OPTION, runOperation, WAIT_OPTION } from '../job/run-operation.js';
import { valuesFrom } from './cluster-queries.js';

/** `pitrix cluster update-env <id> --set env.key=value`. */
export function clusterUpdateEnvCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('update-env')
    .argument('<id>', 'cluster id')
    .description('Change values (only `changeable` ones); nodes re-render their config')
    .option('--values <json>', 'values to change: JSON, @file.json or -')
    .option('--set <path=value...>', 'one value to change, e.g. --set env.maxmemory=256')
    .option(...WAIT_OPTION)
    .option(...DRY_RUN_OPTION)
    .action(async (id: string, opts: { values?: string; set?: string[]; wait?: boolean; dryRun?: boolean }, command: Command) => {
      const values = valuesFrom(opts);
      await runOperation(command, env, { mutation: 'updateClusterEnv', variables: { id, values }, types: { id: 'ID!', values: 'JSONObject!' }, plan: { operation: 'UPDATE_ENV', clusterId: id, values } }, opts);
    });
}
