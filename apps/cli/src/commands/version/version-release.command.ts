import type { Command } from 'commander';
import { versionActionCommand } from './version-action.js';

/** `pitrix version release <id>`: Release a passed version (developer). */
export function versionReleaseCommand(env: NodeJS.ProcessEnv): Command {
  return versionActionCommand(env, { command: 'release', mutation: 'releaseVersion', description: 'Release a passed version (developer)', message: 'none' });
}
