import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { table } from '../../output.js';
import { USER_FIELDS, type UserView } from './user-queries.js';

const QUERY = `query($page: PageInput) { users(page: $page) { totalCount edges { node { ${USER_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;

/** `pitrix user list` (admin). */
export function userListCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('list')
    .description('List accounts (admin)')
    .option('--limit <n>', 'at most this many', '50')
    .option('--after <cursor>', 'the page after this cursor (printed when there are more)')
    .action(async (opts: { limit: string; after?: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { users } = await api.request<{ users: { totalCount: number; edges: Array<{ node: UserView }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(QUERY, {
        page: { first: Number(opts.limit), after: opts.after },
      });
      const rows = users.edges.map((edge) => edge.node);
      if (users.pageInfo.hasNextPage) out.progress(`more accounts: repeat with --after ${users.pageInfo.endCursor}`);
      out.result({ totalCount: users.totalCount, users: rows, pageInfo: users.pageInfo }, () =>
        table(['ID', 'LOGIN', 'NAME', 'EMAIL', 'STATUS', 'ROLES', 'GROUP'], rows.map((u) => [u.id, u.login, u.displayName, u.email, u.status, u.roles.join(','), u.primaryGroupId])),
      );
    });
}
