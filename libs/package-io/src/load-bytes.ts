import type { PackageFile } from '@pitrix/package';
import { loadError, type PackageLimits } from './limits.js';
import { readTarGz } from './tar/gunzip.js';
import type { TarEntry } from './tar/parser.js';

/**
 * Loads a package from the bytes of its `.tgz` (read from disk, HTTP or S3): every entry is
 * checked as it is decompressed (see `TarReader`), then the single top folder is stripped. Throws
 * `PACKAGE.UNSAFE_ARCHIVE`, `PACKAGE.TOO_LARGE` or `PACKAGE.INVALID`; never writes anything.
 */
export async function loadPackageFromBytes(bytes: Uint8Array, limits: PackageLimits): Promise<PackageFile[]> {
  const entries: TarEntry[] = [];
  await readTarGz(bytes, limits, (entry) => {
    entries.push(entry);
    return 'continue';
  });
  return stripTopFolder(entries);
}

/**
 * Reads just `<top>/package.json` from a `.tgz`, stopping there (what an index needs). Returns
 * undefined when the archive has no package.json in its top folder.
 */
export async function readPackageJsonFromBytes(bytes: Uint8Array, limits: PackageLimits): Promise<Uint8Array | undefined> {
  let top: string | undefined;
  let found: Uint8Array | undefined;
  await readTarGz(bytes, limits, (entry) => {
    top ??= topOf(entry.path);
    if (entry.kind === 'file' && entry.path === `${top}/package.json`) {
      found = entry.bytes;
      return 'stop';
    }
    return 'continue';
  });
  return found;
}

function topOf(path: string): string {
  const slash = path.indexOf('/');
  if (slash < 0) return path;
  return path.slice(0, slash);
}

/** A package archive has exactly one top folder, `<name>/`; the files are relative to it. */
function stripTopFolder(entries: readonly TarEntry[]): PackageFile[] {
  const first = entries[0];
  if (!first) throw loadError('PACKAGE.INVALID', 'archive.empty', '$', 'the archive contains no files');
  const top = topOf(first.path);
  const files: PackageFile[] = [];
  for (const entry of entries) {
    if (entry.path === top && entry.kind === 'directory') continue;
    if (!entry.path.startsWith(`${top}/`)) {
      const code = entry.path.includes('/') || entry.kind === 'directory' ? 'archive.multiple_top_folders' : 'archive.no_top_folder';
      throw loadError('PACKAGE.INVALID', code, entry.path, `every file of a package sits in one top folder (${top}/), this one does not`);
    }
    if (entry.kind === 'file') files.push({ path: entry.path.slice(top.length + 1), bytes: entry.bytes, mode: entry.mode });
  }
  if (files.length === 0) throw loadError('PACKAGE.INVALID', 'archive.empty', '$', 'the archive contains no files');
  checkNoFileIsAFolder(files);
  return files;
}

// `a` as a file and `a/b` as another cannot both exist once extracted.
function checkNoFileIsAFolder(files: readonly PackageFile[]): void {
  const paths = new Set(files.map((file) => file.path));
  for (const file of files) {
    for (let cut = file.path.indexOf('/'); cut > 0; cut = file.path.indexOf('/', cut + 1)) {
      if (paths.has(file.path.slice(0, cut))) {
        throw loadError('PACKAGE.UNSAFE_ARCHIVE', 'entry.duplicate', file.path, `${file.path.slice(0, cut)} is both a file and a folder`);
      }
    }
  }
}
