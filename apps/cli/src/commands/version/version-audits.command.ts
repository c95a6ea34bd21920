import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { table } from '../../output.js';

/** A transition of a version, as the audit trail records it. */
interface VersionAuditView {
  id: string;
  versionId: string;
  action: string;
  actor: string;
  role: string;
  fromStatus: string | null;
  toStatus: string;
  message: string | null;
  createdAt: string;
}

const QUERY = `query($filter: AuditFilter, $page: PageInput) { audits(filter: $filter, page: $page) { totalCount edges { node { id versionId action actor role fromStatus toStatus message createdAt } } } }`;

/** `pitrix version audits <versionId>`: the version's review trail, oldest first. */
export function versionAuditsCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('audits')
    .argument('<versionId>', 'version id')
    .description('Show the review audit trail of a version: who moved it from which status to which, and why')
    .option('--limit <n>', 'at most this many', '100')
    .action(async (versionId: string, opts: { limit: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { audits } = await api.request<{ audits: { totalCount: number; edges: Array<{ node: VersionAuditView }> } }>(QUERY, { filter: { versionId }, page: { first: Number(opts.limit) } });
      const rows = audits.edges.map((edge) => edge.node);
      out.result({ totalCount: audits.totalCount, audits: rows }, () =>
        table(['WHEN', 'ACTION', 'FROM', 'TO', 'BY', 'AS', 'MESSAGE'], rows.map((a) => [a.createdAt, a.action, a.fromStatus, a.toStatus, a.actor, a.role, a.message])),
      );
    });
}
