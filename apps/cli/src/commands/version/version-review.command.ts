import type { Command } from 'commander';
import { versionActionCommand } from './version-action.js';

/** `pitrix version review <id>`: Start reviewing a submitted version (reviewer). */
export function versionReviewCommand(env: NodeJS.ProcessEnv): Command {
  return versionActionCommand(env, { command: 'review', mutation: 'reviewVersion', description: 'Start reviewing a submitted version (reviewer)', message: 'none' });
}
