import { Command } from 'commander';
import { groupAddMemberCommand } from './group-add-member.command.js';
import { groupCreateCommand } from './group-create.command.js';
import { groupDeleteCommand } from './group-delete.command.js';
import { groupListCommand } from './group-list.command.js';
import { groupRemoveMemberCommand } from './group-remove-member.command.js';

/** `pitrix group ...`: groups and their members (admin). */
export function groupCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('group')
    .description('Groups and their members (admin)')
    .addCommand(groupListCommand(env))
    .addCommand(groupCreateCommand(env))
    .addCommand(groupDeleteCommand(env))
    .addCommand(groupAddMemberCommand(env))
    .addCommand(groupRemoveMemberCommand(env));
}
