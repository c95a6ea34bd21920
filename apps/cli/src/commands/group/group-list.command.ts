import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { table } from '../../output.js';
import { formatMembers, MEMBER_FIELDS, type GroupView } from './group-queries.js';

/** `pitrix group list` (admin). */
export function groupListCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('list')
    .description('List groups with their members (admin)')
    .action(async (_opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { groups } = await api.request<{ groups: GroupView[] }>(`query { groups { id name displayName createdAt ${MEMBER_FIELDS} } }`);
      out.result(groups, () => table(['ID', 'NAME', 'DISPLAY NAME', 'MEMBERS'], groups.map((g) => [g.id, g.name, g.displayName, formatMembers(g.members ?? []) || '-'])));
    });
}
