import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { formatMembers, MEMBER_FIELDS, type GroupView } from './group-queries.js';

/** `pitrix group remove-member <group-id> <user-id>` (admin). */
export function groupRemoveMemberCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('remove-member')
    .argument('<group-id>', 'group id (grp-…)')
    .argument('<user-id>', 'user id (usr-…)')
    .description('Remove a member from a group (admin)')
    .action(async (groupId: string, userId: string, _opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { removeGroupMember } = await api.request<{ removeGroupMember: Required<Pick<GroupView, 'id' | 'members'>> }>(
        `mutation($groupId: ID!, $userId: ID!) { removeGroupMember(groupId: $groupId, userId: $userId) { id ${MEMBER_FIELDS} } }`,
        { groupId, userId },
      );
      out.result(removeGroupMember, () => `${removeGroupMember.id}: ${formatMembers(removeGroupMember.members) || 'no members'}`);
    });
}
