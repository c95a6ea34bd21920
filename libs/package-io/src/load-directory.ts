import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackageFile } from '@pitrix/package';
import { checkEntryPath } from './entry-path.js';
import { LimitCounter, loadError, unsafe, type PackageLimits } from './limits.js';

// Version control metadata is never part of a package.
const IGNORED = new Set(['.git']);

/**
 * Loads a package from its folder (the folder that holds package.json). Symbolic links, hard
 * links, devices, sockets and pipes are refused; counts and sizes are checked from `lstat`
 * before a file is read. Files are listed in path order, so the result does not depend on the
 * file system.
 */
export async function loadPackageFromDirectory(root: string, limits: PackageLimits): Promise<PackageFile[]> {
  const stat = await lstat(root).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw loadError('PACKAGE.NOT_FOUND', 'package.not_found', root, 'no such folder');
    throw err;
  });
  if (!stat.isDirectory()) throw loadError('PACKAGE.INVALID', 'package.not_a_folder', root, 'not a folder');
  const counter = new LimitCounter(limits);
  const found: { path: string; full: string; mode: number }[] = [];
  await walk(root, '', counter, found);
  found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const files: PackageFile[] = [];
  for (const file of found) files.push({ path: file.path, bytes: new Uint8Array(await readFile(file.full)), mode: file.mode });
  return files;
}

async function walk(dir: string, prefix: string, counter: LimitCounter, found: { path: string; full: string; mode: number }[]): Promise<void> {
  const entries: Dirent[] = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (IGNORED.has(entry.name)) continue;
    const path = checkEntryPath(prefix === '' ? entry.name : `${prefix}/${entry.name}`);
    const full = join(dir, entry.name);
    const stat = await lstat(full);
    refuseSpecial(path, stat);
    counter.entry(path);
    if (stat.isDirectory()) {
      await walk(full, path, counter, found);
    } else {
      counter.file(path, stat.size);
      found.push({ path, full, mode: stat.mode & 0o777 });
    }
  }
}

function refuseSpecial(path: string, stat: Stats): void {
  if (stat.isSymbolicLink()) throw unsafe('entry.symlink', path, 'symbolic links are not allowed in a package');
  if (stat.isBlockDevice() || stat.isCharacterDevice()) throw unsafe('entry.device', path, 'device files are not allowed in a package');
  if (stat.isFIFO()) throw unsafe('entry.fifo', path, 'named pipes are not allowed in a package');
  if (stat.isSocket()) throw unsafe('entry.socket', path, 'sockets are not allowed in a package');
  // A second name for a file elsewhere could publish that file (a key, a password) by accident.
  if (stat.isFile() && stat.nlink > 1) throw unsafe('entry.hard_link', path, 'hard links are not allowed in a package');
}
