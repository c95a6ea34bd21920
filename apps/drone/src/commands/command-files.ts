import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The on-disk record of one command, in `<state>/commands/<id>/`. The drone writes `spec.json`
 * before anything runs and `result.json` once it is over; the wrapper writes `wrapper.json`,
 * `started.json`, the output files and `exit.json`. Every JSON file is written whole, then
 * renamed into place, so a reader never sees half a file.
 */
export const COMMAND_FILES = {
  spec: 'spec.json',
  wrapper: 'wrapper.json',
  started: 'started.json',
  stdout: 'stdout',
  stderr: 'stderr',
  exit: 'exit.json',
  result: 'result.json',
} as const;

/** What the drone decided to run: everything the wrapper needs, fixed before it starts. */
export interface CommandSpecFile {
  readonly id: string;
  readonly cmd: string;
  readonly user: string;
  readonly uid: number;
  readonly gid: number;
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly timeoutMs: number;
  readonly acceptedAt: number;
}

/** How the command ended, as the wrapper saw it. */
export interface ExitFile {
  readonly exitCode: number;
  readonly signal: string;
  readonly timedOut: boolean;
  readonly finishedAt: number;
}

/** Writes `value` as JSON to `file` atomically (temporary file, then rename). */
export function writeJsonAtomic(file: string, value: unknown, mode = 0o600): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(value), { mode });
  renameSync(`${file}.tmp`, file);
}

/** Reads a JSON file of a command, or undefined when it is not there (yet). */
export function readJson<T>(dir: string, name: string): T | undefined {
  const file = join(dir, name);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The size of an output file and its last `maxBytes` bytes as text. */
export function outputTail(file: string, maxBytes: number): { size: number; tail: string } {
  if (!existsSync(file)) return { size: 0, tail: '' };
  const size = statSync(file).size;
  const length = Math.min(size, maxBytes);
  if (length === 0) return { size, tail: '' };
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  return { size, tail: buffer.toString('utf8') };
}
