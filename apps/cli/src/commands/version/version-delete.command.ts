import type { Command } from 'commander';
import { versionActionCommand } from './version-action.js';

/** `pitrix version delete <id>`: Delete a draft, passed, rejected or suspended version. */
export function versionDeleteCommand(env: NodeJS.ProcessEnv): Command {
  return versionActionCommand(env, { command: 'delete', mutation: 'deleteVersion', description: 'Delete a draft, passed, rejected or suspended version', message: 'none' });
}
