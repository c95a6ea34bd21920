import type { Command } from 'commander';
import { versionActionCommand } from './version-action.js';

/** `pitrix version recover <id>`: Recover a suspended version (admin). */
export function versionRecoverCommand(env: NodeJS.ProcessEnv): Command {
  return versionActionCommand(env, { command: 'recover', mutation: 'recoverVersion', description: 'Recover a suspended version (admin)', message: 'none' });
}
