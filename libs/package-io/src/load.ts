import { open, stat } from 'node:fs/promises';
import type { PackageFile } from '@pitrix/package';
import { loadPackageFromUrl, type FetchOptions } from './fetch.js';
import { loadPackageFromDirectory } from './load-directory.js';
import { loadPackageFromBytes } from './load-bytes.js';
import { loadError, tooLarge, type PackageLimits } from './limits.js';

/**
 * Loads a package from wherever `source` points: an http(s) URL, a `.tgz` file or a package
 * folder. All three yield the same list of files and apply the same limits.
 */
export async function loadPackage(source: string, limits: PackageLimits, options: FetchOptions = {}): Promise<PackageFile[]> {
  if (/^https?:\/\//.test(source)) return loadPackageFromUrl(source, limits, options);
  const info = await stat(source).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw loadError('PACKAGE.NOT_FOUND', 'package.not_found', source, 'no such file or folder');
    throw err;
  });
  if (info.isDirectory()) return loadPackageFromDirectory(source, limits);
  return loadPackageFromBytes(await readArchiveFile(source, limits), limits);
}

/** Reads an archive file, refusing it before reading when it is larger than `maxArchiveBytes`. */
export async function readArchiveFile(path: string, limits: PackageLimits): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > limits.maxArchiveBytes) throw tooLarge('limit.archive_bytes', path, 'the archive is too large', limits.maxArchiveBytes, size);
    const bytes = new Uint8Array(size);
    const { bytesRead } = await handle.read(bytes, 0, size, 0);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
