import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** What a write did: nothing (same bytes), created a new file, or changed an existing one. */
export type WriteOutcome = 'unchanged' | 'created' | 'changed';

/**
 * Writes `content` to `file` only if its bytes differ: to a temporary file in the same folder,
 * then renamed over the target, so a reader sees the old file or the new one, never a mix.
 * The mode is set exactly (not masked by the umask), also when the bytes are the same.
 */
export function writeIfChanged(file: string, content: Buffer, mode: number): WriteOutcome {
  const existed = existsSync(file);
  if (existed && readFileSync(file).equals(content)) {
    if ((statSync(file).mode & 0o7777) !== mode) chmodSync(file, mode);
    return 'unchanged';
  }
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.pitrix-${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode });
  chmodSync(temporary, mode);
  renameSync(temporary, file);
  return existed ? 'changed' : 'created';
}

/** Parses an octal mode such as "0644"; undefined or malformed gives `fallback`. */
export function parseMode(mode: string | undefined, fallback: number): number {
  return mode !== undefined && /^0?[0-7]{3,4}$/.test(mode) ? parseInt(mode, 8) : fallback;
}
