import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, readdirSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Records on disk, written atomically (temporary file, then rename), so a crash never leaves a
 * half-written record and a restarted worker reads exactly what was last committed.
 */
export class StateStore {
  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
  }

  /** Absolute path of a file or folder under the root. */
  path(...parts: string[]): string {
    return join(this.root, ...parts);
  }

  /** Reads a JSON record, or undefined when it does not exist. */
  read<T>(...parts: string[]): T | undefined {
    const file = this.path(...parts);
    if (!existsSync(file)) return undefined;
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  }

  /** Writes a JSON record atomically. */
  write(value: unknown, ...parts: string[]): void {
    this.writeText(`${JSON.stringify(value, null, 2)}\n`, 0o644, ...parts);
  }

  /** Writes text atomically with the given mode. */
  writeText(text: string, mode: number, ...parts: string[]): void {
    const file = this.path(...parts);
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temporary, text, { mode });
    renameSync(temporary, file);
  }

  /**
   * Claims a name exclusively (O_EXCL): true for exactly one caller across processes, which then
   * owns it; everyone else reads the owner written by `claimWith`.
   */
  claim(content: string, ...parts: string[]): boolean {
    const file = this.path(...parts);
    mkdirSync(dirname(file), { recursive: true });
    try {
      const fd = openSync(file, 'wx', 0o644);
      writeFileSync(fd, content);
      closeSync(fd);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
  }

  /** Reads a claimed name's content, or undefined. */
  claimed(...parts: string[]): string | undefined {
    const file = this.path(...parts);
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  }

  /** Lists the entries of a folder (empty when it does not exist). */
  list(...parts: string[]): string[] {
    const folder = this.path(...parts);
    return existsSync(folder) ? readdirSync(folder) : [];
  }

  /** Removes a file or folder; removing what is gone is fine. */
  remove(...parts: string[]): void {
    rmSync(this.path(...parts), { recursive: true, force: true });
  }
}

/** A short, file-name-safe digest of a client token. */
export function tokenKey(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 32);
}
