import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { archiveName, isExecutable, type PackageFiles, type PackageMetadata } from '@pitrix/package';
import { writeTar } from './tar/writer.js';

/** A built package archive: its conventional file name, its bytes and their sha256 in hex. */
export interface PackageArchive {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly sha256: string;
}

/**
 * Builds `<name>-<version>.tgz` with one top folder `<name>/`. The bytes depend only on the
 * files' paths, contents and executable bits: entries sorted by path, modes 0644 or 0755, owner
 * and time zero, and a gzip header without a time or an operating system that could vary.
 */
export function buildPackageArchive(files: PackageFiles, metadata: Pick<PackageMetadata, 'name' | 'version'>): PackageArchive {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const tar = writeTar(sorted.map((file) => ({ path: `${metadata.name}/${file.path}`, bytes: file.bytes, mode: isExecutable(file.mode) ? 0o755 : 0o644 })));
  const bytes = new Uint8Array(gzipSync(tar, { level: 9 }));
  // RFC 1952 header: bytes 4-7 are the modification time, byte 9 the operating system.
  bytes.fill(0, 4, 8);
  bytes[9] = 255;
  return { fileName: archiveName(metadata), bytes, sha256: sha256Hex(bytes) };
}

/** The sha256 of some bytes, in lower-case hex (the digest an index records). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
