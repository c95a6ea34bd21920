import type { Command } from 'commander';
import { versionActionCommand } from './version-action.js';

/** `pitrix version reject <id>`: Reject a version in review with a message (reviewer). */
export function versionRejectCommand(env: NodeJS.ProcessEnv): Command {
  return versionActionCommand(env, { command: 'reject', mutation: 'rejectVersion', description: 'Reject a version in review with a message (reviewer)', message: 'required' });
}
