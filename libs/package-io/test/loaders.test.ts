import { execFileSync } from 'node:child_process';
import { chmodSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPackageArchive, loadPackage, loadPackageFromBytes, loadPackageFromDirectory, sha256Hex } from '../src/index.js';
import { FIXTURES, LIMITS, rejection } from './helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'pitrix-loaders-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function copyFixture(name: string): string {
  const target = mkdtempSync(join(scratch, `${name}-`));
  cpSync(join(FIXTURES, name), target, { recursive: true });
  return target;
}

const fixture = join(FIXTURES, 'valid-appcenter-dialect');
const meta = { name: 'cache-cluster', version: '2.1.0' };

describe('loaders yield the same in-memory files', () => {
  it('a folder and the archive built from it load to the same list', async () => {
    const fromFolder = await loadPackageFromDirectory(fixture, LIMITS);
    const archive = buildPackageArchive(fromFolder, meta);
    const fromArchive = await loadPackageFromBytes(archive.bytes, LIMITS);
    expect(fromArchive).toEqual(fromFolder);
    expect(fromFolder.find((file) => file.path === 'files/bin/ctl.sh')?.mode).toBe(0o755);
    expect(fromFolder.map((file) => file.path)).toEqual([...fromFolder.map((file) => file.path)].sort());
  });

  it('loadPackage picks the loader from the source: folder or .tgz file', async () => {
    const archive = buildPackageArchive(await loadPackageFromDirectory(fixture, LIMITS), meta);
    const path = join(scratch, archive.fileName);
    writeFileSync(path, archive.bytes);
    expect(await loadPackage(path, LIMITS)).toEqual(await loadPackage(fixture, LIMITS));
  });

  it('reads archives made by GNU tar (./ prefixes, folder entries, owner names)', async () => {
    const path = join(scratch, 'gnu.tgz');
    execFileSync('tar', ['-czf', path, '-C', FIXTURES, './valid-openpitrix-dialect']);
    const files = await loadPackage(path, LIMITS);
    expect(files.map((file) => file.path).sort()).toEqual(['README.md', 'cluster.json.tmpl', 'config.json', 'files/bin/ctl.sh', 'package.json']);
  });

  it('writes archives GNU tar extracts to the same files', async () => {
    const files = await loadPackageFromDirectory(fixture, LIMITS);
    const archive = buildPackageArchive(files, meta);
    const out = mkdtempSync(join(scratch, 'extract-'));
    writeFileSync(join(out, 'a.tgz'), archive.bytes);
    execFileSync('tar', ['-xzf', 'a.tgz'], { cwd: out });
    expect(await loadPackageFromDirectory(join(out, 'cache-cluster'), LIMITS)).toEqual(files);
  });

  it('a path that does not exist is PACKAGE.NOT_FOUND', async () => {
    expect(await rejection(loadPackage(join(scratch, 'nothing-here'), LIMITS))).toEqual({ code: 'PACKAGE.NOT_FOUND', problem: 'package.not_found' });
  });
});

describe('deterministic archives', () => {
  it('the same files give the same bytes and digest, whatever their times, order or group bits', async () => {
    const first = copyFixture('valid-appcenter-dialect');
    const second = copyFixture('valid-appcenter-dialect');
    utimesSync(join(second, 'package.json'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    chmodSync(join(second, 'README.md'), 0o600);
    chmodSync(join(second, 'files/bin/ctl.sh'), 0o700);
    const a = buildPackageArchive(await loadPackageFromDirectory(first, LIMITS), meta);
    const b = buildPackageArchive((await loadPackageFromDirectory(second, LIMITS)).reverse(), meta);
    expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).toBe(true);
    expect(b.sha256).toBe(a.sha256);
    expect(a.sha256).toBe(sha256Hex(a.bytes));
    expect(a.fileName).toBe('cache-cluster-2.1.0.tgz');
  });

  it('a changed byte or a changed executable bit changes the digest', async () => {
    const folder = copyFixture('valid-appcenter-dialect');
    const before = buildPackageArchive(await loadPackageFromDirectory(folder, LIMITS), meta).sha256;
    chmodSync(join(folder, 'files/bin/ctl.sh'), 0o644);
    const modeChanged = buildPackageArchive(await loadPackageFromDirectory(folder, LIMITS), meta).sha256;
    writeFileSync(join(folder, 'README.md'), `${readFileSync(join(folder, 'README.md'), 'utf8')}!`);
    const contentChanged = buildPackageArchive(await loadPackageFromDirectory(folder, LIMITS), meta).sha256;
    expect(new Set([before, modeChanged, contentChanged]).size).toBe(3);
  });

  it('keeps paths longer than 100 bytes', async () => {
    const long = `files/${'deep/'.repeat(30)}script.sh`;
    const files = [{ path: long, bytes: new TextEncoder().encode('echo'), mode: 0o755 }, { path: 'package.json', bytes: new Uint8Array(2), mode: 0o644 }];
    const loaded = await loadPackageFromBytes(buildPackageArchive(files, meta).bytes, LIMITS);
    expect(loaded.map((file) => [file.path, file.mode])).toEqual([[long, 0o755], ['package.json', 0o644]]);
  });
});

describe('folder loader refuses what an archive could not carry either', () => {
  const build = (name: string, make: (root: string) => void) => () => {
    const root = copyFixture('valid-openpitrix-dialect');
    make(root);
    return root;
  };

  it.each([
    ['a symlink', build('symlink', (root) => symlinkSync('/etc/passwd', join(root, 'files/passwd'))), 'PACKAGE.UNSAFE_ARCHIVE', 'entry.symlink'],
    ['a symlinked folder', build('symdir', (root) => symlinkSync('/etc', join(root, 'files/etc'))), 'PACKAGE.UNSAFE_ARCHIVE', 'entry.symlink'],
    ['a hard link', build('hardlink', (root) => linkSync(join(root, 'README.md'), join(root, 'files/readme-copy'))), 'PACKAGE.UNSAFE_ARCHIVE', 'entry.hard_link'],
    ['a named pipe', build('fifo', (root) => execFileSync('mkfifo', [join(root, 'files/pipe')])), 'PACKAGE.UNSAFE_ARCHIVE', 'entry.fifo'],
    ['too many files', build('many', (root) => { mkdirSync(join(root, 'files/many')); for (let i = 0; i < 30; i++) writeFileSync(join(root, `files/many/${i}`), ''); }), 'PACKAGE.TOO_LARGE', 'limit.files'],
    ['a file above the limit', build('big', (root) => writeFileSync(join(root, 'files/big'), Buffer.alloc(2048))), 'PACKAGE.TOO_LARGE', 'limit.file_bytes'],
  ])('%s', async (_name, make, code, problem) => {
    expect(await rejection(loadPackageFromDirectory(make(), { ...LIMITS, maxFiles: 20, maxFileBytes: 1500 }))).toEqual({ code, problem });
  });

  it('skips version control metadata', async () => {
    const root = copyFixture('valid-openpitrix-dialect');
    mkdirSync(join(root, '.git'));
    writeFileSync(join(root, '.git/HEAD'), 'ref: refs/heads/main');
    expect((await loadPackageFromDirectory(root, LIMITS)).some((file) => file.path.startsWith('.git'))).toBe(false);
  });
});
