import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { table } from '../../output.js';
import { VERSION_FIELDS, type VersionView } from './app-queries.js';

/** `pitrix app versions <appId>`: the versions of an app, newest first. */
export function appVersionsCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('versions')
    .argument('<appId>', 'app id')
    .description('List the versions of an app')
    .option('--status <status>', 'only versions with this status')
    .option('--limit <n>', 'at most this many', '50')
    .action(async (appId: string, opts: { status?: string; limit: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { appVersions } = await api.request<{ appVersions: { totalCount: number; edges: Array<{ node: VersionView }> } }>(
        `query($filter: AppVersionFilter, $page: PageInput) { appVersions(filter: $filter, page: $page, sort: { field: "createdAt", descending: true }) { totalCount edges { node { ${VERSION_FIELDS} } } } }`,
        { filter: { appId, status: opts.status }, page: { first: Number(opts.limit) } },
      );
      const rows = appVersions.edges.map((edge) => edge.node);
      out.result({ totalCount: appVersions.totalCount, versions: rows }, () =>
        table(['ID', 'VERSION', 'APP VERSION', 'STATUS', 'SOURCE', 'DEPLOYED', 'DIGEST'], rows.map((v) => [v.id, v.version, v.appVersion, v.status, v.source, v.deploymentCount, v.digest.slice(0, 12)])),
      );
    });
}
