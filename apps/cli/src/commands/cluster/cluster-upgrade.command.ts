import { Command } from 'commander';
import { DRY_RUN_OPTION, runOperation, WAIT_OPTION } from '../job/run-operation.js';
import { packageFrom, valuesFrom } from './cluster-queries.js';

/** `pitrix cluster upgrade <id>`: rolling upgrade to another package version. */
export function clusterUpgradeCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('upgrade')
    .argument('<id>', 'cluster id')
    .description('Upgrade a cluster to another package version, role by role')
    .option('--package <path>', 'package folder, .tgz or file:// URL')
    .option('--version <appVersionId>', 'catalog app version (see `pitrix app versions`)')
    .option('--app-version <id>', 'the same as --version')
    .option('--values <json>', 'values to change: JSON, @file.json or -')
    .option('--set <path=value...>', 'one value to change')
    .option('--canary <n>', 'nodes per role upgraded first, alone', '1')
    .option('--max-in-flight <n>', 'nodes per role at a time after the canaries', '1')
    .option('--atomic', 'roll back by itself when a task fails (a batch failing its health checks included)', false)
    .option(...WAIT_OPTION)
    .option(...DRY_RUN_OPTION)
    .action(async (id: string, opts: { package?: string; version?: string; appVersion?: string; values?: string; set?: string[]; canary: string; maxInFlight: string; atomic: boolean; wait?: boolean; dryRun?: boolean }, command: Command) => {
      const input = { ...packageFrom(opts), values: valuesFrom(opts), canary: Number(opts.canary), maxInFlight: Number(opts.maxInFlight), atomic: opts.atomic };
      await runOperation(command, env, { mutation: 'upgradeCluster', variables: { id, input }, types: { id: 'ID!', input: 'UpgradeClusterInput!' }, plan: { operation: 'UPGRADE', clusterId: id, upgrade: input } }, opts);
    });
}
