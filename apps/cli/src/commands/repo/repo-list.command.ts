import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { table } from '../../output.js';
import { REPO_FIELDS, type RepoView } from './repo-queries.js';

const QUERY = `query($filter: RepoFilter, $page: PageInput) { repos(filter: $filter, page: $page) { totalCount edges { node { ${REPO_FIELDS} } } } }`;

/** `pitrix repo list`. */
export function repoListCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('list')
    .description('List repositories')
    .option('--search <text>', 'match name or description')
    .option('--visibility <public|private>', 'only this visibility')
    .option('--limit <n>', 'at most this many', '50')
    .action(async (opts: { search?: string; visibility?: string; limit: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { repos } = await api.request<{ repos: { totalCount: number; edges: Array<{ node: RepoView }> } }>(QUERY, { filter: { search: opts.search, visibility: opts.visibility }, page: { first: Number(opts.limit) } });
      const rows = repos.edges.map((edge) => edge.node);
      out.result({ totalCount: repos.totalCount, repos: rows }, () =>
        table(['ID', 'NAME', 'URL', 'VISIBILITY', 'PROVIDERS', 'LAST INDEXED'], rows.map((r) => [r.id, r.name, r.url, r.visibility, r.providers.join(','), r.lastIndexedAt])),
      );
    });
}
