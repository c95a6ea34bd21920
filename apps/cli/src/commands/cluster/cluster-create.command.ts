import { Command } from 'commander';
import { DRY_RUN_OPTION, runOperation, WAIT_OPTION } from '../job/run-operation.js';
import { packageFrom, valuesFrom } from './cluster-queries.js';

/** `pitrix cluster create`: from a local package (like `helm install ./chart`) or a catalog app version. */
export function clusterCreateCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('create')
    .description('Create a cluster from a package')
    .option('--package <path>', 'package folder, .tgz or file:// URL (read by the API on this machine)')
    .option('--version <appVersionId>', 'catalog app version (see `pitrix app versions`)')
    .option('--app-version <id>', 'the same as --version')
    .option('--runtime <id>', 'runtime (default: one of yours, picked and explained)')
    .option('--values <json>', 'values over the package defaults: JSON, @file.json or -')
    .option('--set <path=value...>', 'one value, e.g. --set cluster.node.count=3')
    .option('--atomic', 'roll back by itself when a task fails', false)
    .option(...WAIT_OPTION)
    .option(...DRY_RUN_OPTION)
    .action(async (opts: { package?: string; version?: string; appVersion?: string; runtime?: string; values?: string; set?: string[]; atomic: boolean; wait?: boolean; dryRun?: boolean }, command: Command) => {
      const input = { ...packageFrom(opts), runtimeId: opts.runtime, values: valuesFrom(opts), atomic: opts.atomic };
      await runOperation(command, env, { mutation: 'createCluster', variables: { input }, types: { input: 'CreateClusterInput!' }, plan: { operation: 'CREATE', create: input } }, opts);
    });
}
