import { Command } from 'commander';
import { tokenCreateCommand } from './token-create.command.js';
import { tokenListCommand } from './token-list.command.js';
import { tokenRevokeCommand } from './token-revoke.command.js';

/** `pitrix token ...`: your personal access tokens. */
export function tokenCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('token')
    .description('Personal access tokens (for scripts and CI: PITRIX_TOKEN)')
    .addCommand(tokenCreateCommand(env))
    .addCommand(tokenListCommand(env))
    .addCommand(tokenRevokeCommand(env));
}
