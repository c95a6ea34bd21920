import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { table } from '../../output.js';
import { APP_FIELDS, type AppView } from './app-queries.js';

/** `pitrix app list`. */
export function appListCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('list')
    .description('List apps')
    .option('--search <text>', 'match name, description or keywords')
    .option('--repo <id>', 'only apps of this repo')
    .option('--status <status>', 'active, draft, suspended or deleted')
    .option('--limit <n>', 'at most this many', '50')
    .action(async (opts: { search?: string; repo?: string; status?: string; limit: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { apps } = await api.request<{ apps: { totalCount: number; edges: Array<{ node: AppView }> } }>(
        `query($filter: AppFilter, $page: PageInput) { apps(filter: $filter, page: $page) { totalCount edges { node { ${APP_FIELDS} } } } }`,
        { filter: { search: opts.search, repoId: opts.repo, status: opts.status }, page: { first: Number(opts.limit) } },
      );
      const rows = apps.edges.map((edge) => edge.node);
      out.result({ totalCount: apps.totalCount, apps: rows }, () => table(['ID', 'NAME', 'LATEST', 'STATUS', 'REPO'], rows.map((a) => [a.id, a.name, a.latestVersion, a.status, a.repoId])));
    });
}
