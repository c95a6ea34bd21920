import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { table } from '../../output.js';
import { CATEGORY_FIELDS, type CategoryView } from './category-queries.js';

const QUERY = `query($search: String, $page: PageInput) { categories(search: $search, page: $page) { totalCount edges { node { ${CATEGORY_FIELDS} } } } }`;

/** `pitrix category list`. */
export function categoryListCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('list')
    .description('List catalog categories')
    .option('--search <text>', 'match name or description')
    .option('--limit <n>', 'at most this many', '50')
    .action(async (opts: { search?: string; limit: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { categories } = await api.request<{ categories: { totalCount: number; edges: Array<{ node: CategoryView }> } }>(QUERY, { search: opts.search, page: { first: Number(opts.limit) } });
      const rows = categories.edges.map((edge) => edge.node);
      out.result({ totalCount: categories.totalCount, categories: rows }, () => table(['ID', 'NAME', 'DESCRIPTION'], rows.map((c) => [c.id, c.name, c.description])));
    });
}
