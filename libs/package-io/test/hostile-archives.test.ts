import { describe, expect, it } from 'vitest';
import { gunzipSync, gzipSync } from 'node:zlib';
import { loadPackageFromBytes, type PackageLimits } from '../src/index.js';
import { LIMITS, minimalPackage, rejection, tarGz, zeroBomb, type RawEntry } from './helpers.js';

const file = (name: string, data: string | Uint8Array = 'x', mode = 0o644): RawEntry => ({ header: { name, mode, type: 'file' }, data });

function* tinyFiles(count: number): Generator<RawEntry> {
  yield* minimalPackage();
  for (let i = 0; i < count; i++) yield file(`demo/files/f${i}`, 'x');
}


/** Each case: an archive built at run time, the error code and the problem code it must be refused with. */
const CASES: Array<[name: string, build: () => Uint8Array, code: string, problem: string, limits?: Partial<PackageLimits>]> = [
  ['path traversal', () => tarGz([...minimalPackage(), file('demo/../../etc/cron.d/evil')]), 'PACKAGE.UNSAFE_ARCHIVE', 'entry.path_traversal'],
  ['an absolute path', () => tarGz([...minimalPackage(), file('/etc/passwd')]), 'PACKAGE.UNSAFE_ARCHIVE', 'entry.absolute_path'],
  ['a symlink', () => tarGz([...minimalPackage(), { header: { name: 'demo/files/shadow', type: 'symlink', linkname: '/etc/shadow' } }]), 'PACKAGE.UNSAFE_ARCHIVE', 'entry.symlink'],
  ['a hard link', () => tarGz([...minimalPackage(), { header: { name: 'demo/files/passwd', type: 'link', linkname: '/etc/passwd' } }]), 'PACKAGE.UNSAFE_ARCHIVE', 'entry.hard_link'],
  ['a character device', () => tarGz([...minimalPackage(), { header: { name: 'demo/files/null', type: 'character-device', devmajor: 1, devminor: 3 } }]), 'PACKAGE.UNSAFE_ARCHIVE', 'entry.device'],
  ['a block device', () => tarGz([...minimalPackage(), { header: { name: 'demo/files/sda', type: 'block-device', devmajor: 8, devminor: 0 } }]), 'PACKAGE.UNSAFE_ARCHIVE', 'entry.device'],
  ['a named pipe', () => tarGz([...minimalPackage(), { header: { name: 'demo/files/pipe', type: 'fifo' } }]), 'PACKAGE.UNSAFE_ARCHIVE', 'entry.fifo'],
  ['duplicate names', () => tarGz([...minimalPackage(), file('demo/README.md', 'second')]), 'PACKAGE.UNSAFE_ARCHIVE', 'entry.duplicate'],
  ['the same name as ./ and without', () => tarGz([...minimalPackage(), file('./demo/README.md', 'second')]), 'PACKAGE.UNSAFE_ARCHIVE', 'entry.duplicate'],
  ['a file that is also a folder', () => tarGz([...minimalPackage(), file('demo/files'), file('demo/files/a')]), 'PACKAGE.UNSAFE_ARCHIVE', 'entry.duplicate'],
  ['a backslash path', () => tarGz([...minimalPackage(), file('demo/..\\..\\evil')]), 'PACKAGE.UNSAFE_ARCHIVE', 'entry.bad_path'],
  ['100,000 tiny files', () => tarGz(tinyFiles(100_000)), 'PACKAGE.TOO_LARGE', 'limit.files'],
  ['a decompression bomb within the archive limit', () => zeroBomb(9, 8 * 1024 * 1024), 'PACKAGE.TOO_LARGE', 'limit.total_bytes'],
  ['one file above the per-file limit', () => tarGz([...minimalPackage(), file('demo/files/big.bin', new Uint8Array(LIMITS.maxFileBytes + 1))]), 'PACKAGE.TOO_LARGE', 'limit.file_bytes'],
  ['an archive above the archive limit', () => tarGz(minimalPackage()), 'PACKAGE.TOO_LARGE', 'limit.archive_bytes', { maxArchiveBytes: 64 }],
  ['gzip of zeros (no tar inside)', () => new Uint8Array(gzipSync(new Uint8Array(32 * 1024 * 1024))), 'PACKAGE.INVALID', 'archive.empty'],
  ['not gzip at all', () => new TextEncoder().encode('{"name": "not an archive"}'), 'PACKAGE.INVALID', 'archive.not_gzip'],
  ['a damaged gzip stream', () => tarGz(minimalPackage()).map((byte, index) => (index > 20 && index < 60 ? byte ^ 0xff : byte)), 'PACKAGE.INVALID', 'archive.corrupt'],
  ['random bytes after a gzip header', () => Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, ...Array.from({ length: 200 }, (_, i) => (i * 37) % 256)]), 'PACKAGE.INVALID', 'archive.corrupt'],
  ['a truncated archive', () => new Uint8Array(gzipSync(gunzipSync(tarGz(minimalPackage())).subarray(0, 1200))), 'PACKAGE.INVALID', 'archive.truncated'],
  ['files at the archive root', () => tarGz([file('package.json', '{}'), file('config.json', '{}')]), 'PACKAGE.INVALID', 'archive.no_top_folder'],
  ['two top folders', () => tarGz([...minimalPackage('one'), ...minimalPackage('two')]), 'PACKAGE.INVALID', 'archive.multiple_top_folders'],
];

describe('hostile archives are refused with the right code', () => {
  it.each(CASES)('%s', async (_name, build, code, problem, limits) => {
    const bytes = build();
    expect(await rejection(loadPackageFromBytes(bytes, { ...LIMITS, ...limits }))).toEqual({ code, problem });
  });

  it('a valid archive next to them loads', async () => {
    const files = await loadPackageFromBytes(tarGz(minimalPackage()), LIMITS);
    expect(files.map((entry) => entry.path)).toEqual(['package.json', 'config.json', 'cluster.json.tmpl', 'README.md']);
  });

  it('stops decompressing a bomb near the limit instead of inflating all of it', async () => {
    const bomb = zeroBomb(1000, 8 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(LIMITS.maxArchiveBytes);
    expect(await rejection(loadPackageFromBytes(bomb, LIMITS))).toEqual({ code: 'PACKAGE.TOO_LARGE', problem: 'limit.total_bytes' });
  });
});
