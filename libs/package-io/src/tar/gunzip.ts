import { createGunzip } from 'node:zlib';
import { loadError, tooLarge, type PackageLimits } from '../limits.js';
import { TarReader, type EntryDecision, type TarEntry } from './parser.js';

// Past the files themselves, a tar holds a header and padding per entry and a few extended
// headers; anything beyond this many decompressed bytes is a bomb whatever the tar reader says.
function decompressedBudget(limits: PackageLimits): number {
  return limits.maxTotalBytes + (limits.maxFiles + 16) * 4 * 1024;
}

/**
 * Streams a `.tgz` through gunzip into the tar reader, so the archive is refused as soon as one
 * entry breaks a rule, without decompressing the rest. Resolves when the archive ends or
 * `onEntry` says stop.
 */
export function readTarGz(bytes: Uint8Array, limits: PackageLimits, onEntry: (entry: TarEntry) => EntryDecision): Promise<void> {
  if (bytes.length > limits.maxArchiveBytes) {
    return Promise.reject(tooLarge('limit.archive_bytes', '$', 'the archive is too large', limits.maxArchiveBytes, bytes.length));
  }
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    return Promise.reject(loadError('PACKAGE.INVALID', 'archive.not_gzip', '$', 'not a gzip-compressed tar archive (.tgz)'));
  }
  return new Promise((resolve, reject) => {
    const gunzip = createGunzip({ chunkSize: 64 * 1024 });
    const reader = new TarReader(limits, onEntry);
    const budget = decompressedBudget(limits);
    let seen = 0;
    let settled = false;
    const settle = (err?: unknown) => {
      if (settled) return;
      settled = true;
      gunzip.destroy();
      if (err === undefined) resolve();
      else reject(err);
    };
    gunzip.on('data', (chunk: Buffer) => {
      if (settled) return;
      seen += chunk.length;
      try {
        if (seen > budget) throw tooLarge('limit.total_bytes', '$', 'the archive decompresses to too many bytes', budget, seen);
        if (!reader.push(chunk)) settle();
      } catch (err) {
        settle(err);
      }
    });
    gunzip.on('end', () => {
      try {
        reader.finish();
        settle();
      } catch (err) {
        settle(err);
      }
    });
    gunzip.on('error', (err) => settle(loadError('PACKAGE.INVALID', 'archive.corrupt', '$', `the gzip stream is damaged: ${err.message}`)));
    gunzip.end(bytes);
  });
}
