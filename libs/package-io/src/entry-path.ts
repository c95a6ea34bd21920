import { unsafe } from './limits.js';

/**
 * Checks an entry name from an archive or a folder and returns it normalised (no leading `./`,
 * no trailing `/`). Absolute paths, `..`, backslashes, NUL and empty segments are refused: such
 * an entry could land outside the package folder when extracted.
 */
export function checkEntryPath(raw: string): string {
  let path = raw.replace(/^(\.\/)+/, '');
  if (path.endsWith('/')) path = path.slice(0, -1);
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) throw unsafe('entry.absolute_path', raw, 'absolute paths are not allowed in a package');
  const segments = path.split('/');
  if (segments.includes('..')) throw unsafe('entry.path_traversal', raw, '".." would leave the package folder');
  if (path === '' || path.includes('\\') || path.includes('\0') || segments.some((segment) => segment === '' || segment === '.')) {
    throw unsafe('entry.bad_path', raw, 'not a plain relative path');
  }
  return path;
}
