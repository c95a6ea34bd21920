import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSkeleton, lintPackage, type PackageFile } from '@pitrix/package';
import { extractToTempFolder, loadPackageFromDirectory, writePackageFolder } from '../src/index.js';
import { LIMITS, rejection } from './helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'pitrix-write-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const text = (path: string, body: string, mode = 0o644): PackageFile => ({ path, bytes: new TextEncoder().encode(body), mode });

describe('extractToTempFolder', () => {
  it('writes every file with its mode inside a fresh folder of the parent', async () => {
    const root = await extractToTempFolder([text('a/b.txt', 'b'), text('run.sh', 'echo', 0o755)], LIMITS, scratch);
    expect(root.startsWith(join(scratch, 'pitrix-package-'))).toBe(true);
    expect(readFileSync(join(root, 'a/b.txt'), 'utf8')).toBe('b');
    expect(statSync(join(root, 'run.sh')).mode & 0o777).toBe(0o755);
  });

  it.each([
    ['a path with ..', [text('../escaped.txt', 'x')], 'PACKAGE.UNSAFE_ARCHIVE'],
    ['an absolute path', [text(join(scratch, 'absolute.txt'), 'x')], 'PACKAGE.UNSAFE_ARCHIVE'],
    ['too many files', Array.from({ length: 5 }, (_, i) => text(`f${i}`, 'x')), 'PACKAGE.TOO_LARGE'],
  ])('refuses %s and writes nothing outside its folder', async (_name, files, code) => {
    const before = readdirSync(scratch).filter((name) => !name.startsWith('pitrix-package-'));
    expect((await rejection(extractToTempFolder(files, { ...LIMITS, maxFiles: 4 }, scratch))).code).toBe(code);
    expect(readdirSync(scratch).filter((name) => !name.startsWith('pitrix-package-'))).toEqual(before);
    expect(existsSync(join(scratch, '..', 'escaped.txt'))).toBe(false);
  });

  it('refuses the same path twice instead of overwriting it', async () => {
    expect(await rejection(extractToTempFolder([text('a', '1'), text('a', '2')], LIMITS, scratch))).toEqual({ code: 'PACKAGE.UNSAFE_ARCHIVE', problem: 'entry.duplicate' });
  });
});

describe('writePackageFolder', () => {
  it('writes a new package that loads and lints clean', async () => {
    const folder = join(scratch, 'hello');
    await writePackageFolder(folder, createSkeleton('hello'), LIMITS);
    expect(lstatSync(join(folder, 'files/bin/web.sh')).mode & 0o111).not.toBe(0);
    expect(lintPackage(await loadPackageFromDirectory(folder, LIMITS))).toEqual([]);
  });

  it('refuses a folder that already exists', async () => {
    expect((await rejection(writePackageFolder(scratch, createSkeleton('again'), LIMITS))).code).toBe('INPUT.INVALID');
  });
});
