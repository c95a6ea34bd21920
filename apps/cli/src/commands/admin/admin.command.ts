import { Command } from 'commander';
import { adminRebuildProjectionsCommand } from './admin-rebuild-projections.command.js';
import { adminRotateKeysCommand } from './admin-rotate-keys.command.js';

/** `pitrix admin ...`: operator commands (admin role). */
export function adminCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('admin')
    .description('Operator commands')
    .addCommand(adminRebuildProjectionsCommand(env))
    .addCommand(adminRotateKeysCommand(env));
}
