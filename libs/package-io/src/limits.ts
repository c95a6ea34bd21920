import { PitrixError, type ErrorCode } from '@pitrix/errors';

/**
 * What a loader accepts (defaults in `@pitrix/config`, `PITRIX_PACKAGE_*`): the compressed size of
 * an archive, the number of entries, and the uncompressed size of each file and of all of them.
 */
export interface PackageLimits {
  readonly maxArchiveBytes: number;
  readonly maxFiles: number;
  readonly maxFileBytes: number;
  readonly maxTotalBytes: number;
}

/** Builds the error a loader throws: one code, one problem naming the entry. */
export function loadError(code: ErrorCode, problemCode: string, path: string, message: string, detail: { expected?: string; found?: unknown } = {}): PitrixError {
  return new PitrixError(code, `${path === '$' ? 'package' : path}: ${message}`, [{ severity: 'error', file: path, path: '$', code: problemCode, message, ...detail }]);
}

/** An entry that would escape the package or is not a plain file or folder. */
export function unsafe(problemCode: string, path: string, message: string): PitrixError {
  return loadError('PACKAGE.UNSAFE_ARCHIVE', problemCode, path, message);
}

/** A size or count above its limit. */
export function tooLarge(problemCode: string, path: string, message: string, limit: number, found: number): PitrixError {
  return loadError('PACKAGE.TOO_LARGE', problemCode, path, message, { expected: `<= ${limit}`, found });
}

/** Counts entries and bytes against the limits as a loader reads them. */
export class LimitCounter {
  private entries = 0;
  private total = 0;

  constructor(readonly limits: PackageLimits) {}

  /** Records one file or folder; throws `PACKAGE.TOO_LARGE` past `maxFiles`. */
  entry(path: string): void {
    this.entries++;
    if (this.entries > this.limits.maxFiles) throw tooLarge('limit.files', path, 'the package has too many entries', this.limits.maxFiles, this.entries);
  }

  /** Records a file's size before it is read; throws `PACKAGE.TOO_LARGE` past either size limit. */
  file(path: string, size: number): void {
    if (size > this.limits.maxFileBytes) throw tooLarge('limit.file_bytes', path, 'the file is too large', this.limits.maxFileBytes, size);
    this.total += size;
    if (this.total > this.limits.maxTotalBytes) throw tooLarge('limit.total_bytes', path, 'the package is too large in total', this.limits.maxTotalBytes, this.total);
  }
}
