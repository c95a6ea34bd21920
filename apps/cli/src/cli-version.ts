import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The CLI's version, from its package.json (one folder above both `src/` and `dist/`). */
export function cliVersion(): string {
  return (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * True when the arguments ask for the CLI's version: `--version` or `-V` before any command,
 * global options aside. It is not a commander option because commander would take a
 * `--version` after a command too, and `cluster create --version <appVersionId>` means an app version.
 */
export function asksForVersion(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--version' || arg === '-V') return true;
    if (arg === '--api') i++;
    else if (arg !== '--json' && !arg.startsWith('--api=')) return false;
  }
  return false;
}
