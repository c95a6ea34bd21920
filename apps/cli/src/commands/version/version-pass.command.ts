import type { Command } from 'commander';
import { versionActionCommand } from './version-action.js';

/** `pitrix version pass <id>`: Pass a version in review (reviewer). */
export function versionPassCommand(env: NodeJS.ProcessEnv): Command {
  return versionActionCommand(env, { command: 'pass', mutation: 'passVersion', description: 'Pass a version in review (reviewer)', message: 'optional' });
}
