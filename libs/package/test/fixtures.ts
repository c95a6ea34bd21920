import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { PackageFile } from '../src/index.js';

/** Folder of the package fixtures, one folder per case named after it. */
export const PACKAGES = join(__dirname, 'testdata/packages');

/**
 * Reads a fixture folder into the in-memory file list. Tests of this pure library read fixtures
 * themselves; the real loaders (and their safety rules) are tested in package-io.
 */
export function readFixture(name: string): PackageFile[] {
  return readFolder(join(PACKAGES, name));
}

/** Replaces (or adds) one file of a package, as text. */
export function withFile(files: readonly PackageFile[], path: string, text: string, mode = 0o644): PackageFile[] {
  const bytes = new TextEncoder().encode(text);
  return [...files.filter((file) => file.path !== path), { path, bytes, mode }];
}

/** The codes of problems, errors only unless `warnings` is set. */
export function codesOf(problems: readonly { code?: string; severity?: string }[], options: { warnings?: boolean } = {}): string[] {
  return problems.filter((problem) => options.warnings || problem.severity !== 'warning').map((problem) => problem.code ?? '');
}

/** The example chart (examples/charts/web-shop), read like a fixture. */
export const WEB_SHOP_CHART = join(__dirname, '../../../examples/charts/web-shop');

/** Reads any folder into the in-memory file list. */
export function readFolder(root: string): PackageFile[] {
  const files: PackageFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      const stat = lstatSync(path);
      if (stat.isDirectory()) walk(path);
      else files.push({ path: relative(root, path).split(sep).join('/'), bytes: new Uint8Array(readFileSync(path)), mode: stat.mode & 0o777 });
    }
  };
  walk(root);
  return files;
}

/** Removes files of a package by path (or by folder, when the path ends in `/`). */
export function withoutFile(files: readonly PackageFile[], path: string): PackageFile[] {
  return files.filter((file) => (path.endsWith('/') ? !file.path.startsWith(path) : file.path !== path));
}
