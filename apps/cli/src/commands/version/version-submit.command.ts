import type { Command } from 'commander';
import { versionActionCommand } from './version-action.js';

/** `pitrix version submit <id>`: Submit a draft or rejected version for review. */
export function versionSubmitCommand(env: NodeJS.ProcessEnv): Command {
  return versionActionCommand(env, { command: 'submit', mutation: 'submitVersion', description: 'Submit a draft or rejected version for review', message: 'optional' });
}
