import { Command, Option } from 'commander';
import { contextFrom } from '../../context.js';
import { ROLE_CHOICES } from '../user/user-queries.js';
import { formatMembers, MEMBER_FIELDS, type GroupView } from './group-queries.js';

/** `pitrix group add-member <group-id> <user-id> --role <r>` (admin): adds a member or changes its role. */
export function groupAddMemberCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('add-member')
    .argument('<group-id>', 'group id (grp-…)')
    .argument('<user-id>', 'user id (usr-…)')
    .description("Add a member to a group, or change the member's role (admin)")
    .addOption(new Option('--role <role>', 'role in the group').choices(ROLE_CHOICES).makeOptionMandatory())
    .action(async (groupId: string, userId: string, opts: { role: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { setGroupMember } = await api.request<{ setGroupMember: Required<Pick<GroupView, 'id' | 'members'>> }>(
        `mutation($groupId: ID!, $userId: ID!, $role: String!) { setGroupMember(groupId: $groupId, userId: $userId, role: $role) { id ${MEMBER_FIELDS} } }`,
        { groupId, userId, role: opts.role },
      );
      out.result(setGroupMember, () => `${setGroupMember.id}: ${formatMembers(setGroupMember.members) || 'no members'}`);
    });
}
