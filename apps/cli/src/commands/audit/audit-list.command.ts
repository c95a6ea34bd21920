import { Command } from 'commander';
import { PitrixError } from '@pitrix/errors';
import { contextFrom } from '../../context.js';
import { table } from '../../output.js';

/** One security event. */
interface SecurityEventView {
  id: string;
  at: string;
  action: string;
  outcome: string;
  actorId: string | null;
  actorLogin: string | null;
  target: string | null;
  sourceAddress: string | null;
  details: Record<string, unknown> | null;
}

const QUERY = `query($filter: SecurityEventFilter, $page: PageInput) { securityEvents(filter: $filter, page: $page) { totalCount edges { node { id at action outcome actorId actorLogin target sourceAddress details } } pageInfo { hasNextPage endCursor } } }`;

/** `pitrix audit list` (admin): the security log, newest first. */
export function auditListCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('list')
    .description('List security events, newest first (admin)')
    .option('--action <action>', 'only this action (login, logout, login.sso, token.create, token.revoke, ...)')
    .option('--actor <user-id>', 'only events of this user')
    .option('--since <time>', 'only events at or after this ISO 8601 time')
    .option('--first <n>', 'at most this many', '50')
    .option('--after <cursor>', 'the page after this cursor (printed when there are more)')
    .action(async (opts: { action?: string; actor?: string; since?: string; first: string; after?: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      if (opts.since !== undefined && Number.isNaN(Date.parse(opts.since))) {
        throw new PitrixError('INPUT.INVALID', '--since: expected an ISO 8601 time (e.g. 2025-01-31T00:00:00Z)', [{ path: '--since', message: 'not a time' }]);
      }
      const { securityEvents } = await api.request<{ securityEvents: { totalCount: number; edges: Array<{ node: SecurityEventView }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(QUERY, {
        filter: { action: opts.action, actorId: opts.actor, since: opts.since },
        page: { first: Number(opts.first), after: opts.after },
      });
      const events = securityEvents.edges.map((edge) => edge.node);
      if (securityEvents.pageInfo.hasNextPage) out.progress(`more events: repeat with --after ${securityEvents.pageInfo.endCursor}`);
      out.result({ totalCount: securityEvents.totalCount, events, pageInfo: securityEvents.pageInfo }, () =>
        table(
          ['AT', 'ACTION', 'OUTCOME', 'ACTOR', 'TARGET', 'SOURCE', 'DETAILS'],
          events.map((e) => [e.at, e.action, e.outcome, e.actorLogin ?? e.actorId, e.target, e.sourceAddress, e.details && Object.keys(e.details).length > 0 ? JSON.stringify(e.details) : null]),
        ),
      );
    });
}
