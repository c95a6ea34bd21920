import { PitrixError } from '@pitrix/errors';

/**
 * Checks a file path relative to a repository's prefix: not empty, no leading `/`, no empty,
 * `.` or `..` segment. Keeps every key under the prefix the repository was given.
 */
export function checkRepoPath(path: string): string {
  const segments = path.split('/');
  if (path === '' || segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new PitrixError('INPUT.INVALID', `${JSON.stringify(path)} is not a file path inside a repository: expected relative segments like packages/app-1.0.0.tgz`, [
      { path: 'path', message: 'not a relative file path', expected: 'relative path without empty, "." or ".." segments', found: path },
    ]);
  }
  return path;
}
