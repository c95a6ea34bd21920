import { Command } from 'commander';
import { userCreateCommand } from './user-create.command.js';
import { userListCommand } from './user-list.command.js';
import { userSetPasswordCommand } from './user-set-password.command.js';
import { userUpdateCommand } from './user-update.command.js';

/** `pitrix user ...`: accounts (admin). */
export function userCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('user')
    .description('Accounts (admin)')
    .addCommand(userListCommand(env))
    .addCommand(userCreateCommand(env))
    .addCommand(userUpdateCommand(env))
    .addCommand(userSetPasswordCommand(env));
}
