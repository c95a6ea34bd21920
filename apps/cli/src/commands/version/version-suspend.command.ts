import type { Command } from 'commander';
import { versionActionCommand } from './version-action.js';

/** `pitrix version suspend <id>`: Suspend an active version (admin). */
export function versionSuspendCommand(env: NodeJS.ProcessEnv): Command {
  return versionActionCommand(env, { command: 'suspend', mutation: 'suspendVersion', description: 'Suspend an active version (admin)', message: 'optional' });
}
