import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { PitrixError } from '@pitrix/errors';
import type { PackageFiles } from '@pitrix/package';
import { checkEntryPath } from './entry-path.js';
import { LimitCounter, unsafe, type PackageLimits } from './limits.js';

/**
 * Extracts a package into a fresh temporary folder and returns its path. Every path is checked
 * again (the list may come from anywhere), must resolve inside that folder, and is created
 * exclusively, so nothing outside it is ever written and no file is written twice.
 */
export async function extractToTempFolder(files: PackageFiles, limits: PackageLimits, parent = tmpdir()): Promise<string> {
  const root = await mkdtemp(join(parent, 'pitrix-package-'));
  await writeFilesUnder(root, files, limits);
  return root;
}

/**
 * Writes a new package folder (for `pitrix package create`): refuses a folder that already
 * exists rather than mixing files into it.
 */
export async function writePackageFolder(folder: string, files: PackageFiles, limits: PackageLimits): Promise<void> {
  await mkdir(folder, { recursive: false }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EEXIST') throw new PitrixError('INPUT.INVALID', `${folder} already exists; choose a new folder for the package`);
    throw err;
  });
  await writeFilesUnder(folder, files, limits);
}

async function writeFilesUnder(root: string, files: PackageFiles, limits: PackageLimits): Promise<void> {
  const base = resolve(root);
  const counter = new LimitCounter(limits);
  const seen = new Set<string>();
  for (const file of files) {
    const path = checkEntryPath(file.path);
    if (seen.has(path)) throw unsafe('entry.duplicate', path, 'the package contains this path twice');
    seen.add(path);
    counter.entry(path);
    counter.file(path, file.bytes.length);
    const target = resolve(base, path);
    if (!target.startsWith(`${base}${sep}`)) throw new PitrixError('PACKAGE.UNSAFE_ARCHIVE', `${path} resolves outside the package folder`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.bytes, { flag: 'wx', mode: file.mode & 0o777 });
    // The umask may have cleared bits; the executable bit is part of the package (contracts §5).
    await chmod(target, file.mode & 0o777);
  }
}
