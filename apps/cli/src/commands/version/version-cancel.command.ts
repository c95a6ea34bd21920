import type { Command } from 'commander';
import { versionActionCommand } from './version-action.js';

/** `pitrix version cancel <id>`: Take a submitted, in-review or passed version back to draft. */
export function versionCancelCommand(env: NodeJS.ProcessEnv): Command {
  return versionActionCommand(env, { command: 'cancel', mutation: 'cancelVersion', description: 'Take a submitted, in-review or passed version back to draft', message: 'optional' });
}
