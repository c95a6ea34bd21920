import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeText, parseRepoIndex, type PackageFile } from '@pitrix/package';
import { buildPackageArchive, indexPackageFolder, loadPackageFromDirectory, sha256Hex, writeRepoIndexFile } from '../src/index.js';
import { FIXTURES, LIMITS, tarGz } from './helpers.js';

const folder = mkdtempSync(join(tmpdir(), 'pitrix-index-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function withVersion(files: readonly PackageFile[], version: string): PackageFile[] {
  return files.map((file) => (file.path === 'package.json' ? { ...file, bytes: encodeText(JSON.stringify({ name: 'zookeeper', version, app_version: '3.4.14' })) } : file));
}

beforeAll(async () => {
  const files = await loadPackageFromDirectory(join(FIXTURES, 'valid-openpitrix-dialect'), LIMITS);
  mkdirSync(join(folder, 'old'));
  for (const [version, dir] of [['1.0.0', ''], ['1.10.0', ''], ['1.2.0', 'old']] as const) {
    const archive = buildPackageArchive(withVersion(files, version), { name: 'zookeeper', version });
    writeFileSync(join(folder, dir, archive.fileName), archive.bytes);
  }
  writeFileSync(join(folder, 'renamed.tgz'), buildPackageArchive(withVersion(files, '0.9.0'), { name: 'zookeeper', version: '0.9.0' }).bytes);
  writeFileSync(join(folder, 'broken.tgz'), 'not an archive');
  writeFileSync(join(folder, 'no-package-json.tgz'), tarGz([{ header: { name: 'x/README.md', type: 'file' }, data: 'hi' }]));
});

describe('indexPackageFolder', () => {
  it('lists every readable archive newest first, with digests and urls', async () => {
    const { index, count } = await indexPackageFolder(folder, { limits: LIMITS, now: new Date('2024-06-01T00:00:00Z') });
    expect(count).toBe(4);
    expect(index.generated).toBe('2024-06-01T00:00:00.000Z');
    expect(index.entries.zookeeper?.map((entry) => [entry.version, entry.urls[0]])).toEqual([
      ['1.10.0', 'zookeeper-1.10.0.tgz'],
      ['1.2.0', 'old/zookeeper-1.2.0.tgz'],
      ['1.0.0', 'zookeeper-1.0.0.tgz'],
      ['0.9.0', 'renamed.tgz'],
    ]);
    const first = index.entries.zookeeper?.[0];
    expect(first?.digest).toBe(sha256Hex(readFileSync(join(folder, 'zookeeper-1.10.0.tgz'))));
    expect(first?.appVersion).toBe('3.4.14');
  });

  it('reports the archives it skipped and the ones misnamed', async () => {
    const { problems } = await indexPackageFolder(folder, { limits: LIMITS });
    expect(problems.map((problem) => [problem.file, problem.severity, problem.code])).toEqual([
      ['broken.tgz', 'error', 'archive.not_gzip'],
      ['no-package-json.tgz', 'error', 'package.invalid_metadata'],
      ['renamed.tgz', 'warning', 'index.archive_name'],
    ]);
  });

  it('prefixes urls with a base URL', async () => {
    const { index } = await indexPackageFolder(folder, { limits: LIMITS, baseUrl: 'https://repo.example/pitrix' });
    expect(index.entries.zookeeper?.[1]?.urls).toEqual(['https://repo.example/pitrix/old/zookeeper-1.2.0.tgz']);
  });

  it('writes index.yaml that reads back to the same index', async () => {
    const { index, yaml } = await indexPackageFolder(folder, { limits: LIMITS });
    const path = await writeRepoIndexFile(folder, yaml);
    expect(parseRepoIndex(readFileSync(path, 'utf8'))).toEqual(index);
  });
});

describe('indexPackageFolder with a Helm chart', () => {
  const charts = mkdtempSync(join(tmpdir(), 'pitrix-index-charts-'));
  afterAll(() => rmSync(charts, { recursive: true, force: true }));

  it('lists a chart beside packages, from its Chart.yaml', async () => {
    const files = await loadPackageFromDirectory(join(__dirname, '../../../examples/charts/web-shop'), LIMITS);
    const archive = buildPackageArchive(files, { name: 'web-shop', version: '1.0.0' });
    writeFileSync(join(charts, archive.fileName), archive.bytes);
    const { index, count, problems } = await indexPackageFolder(charts, { limits: LIMITS });
    expect(problems).toEqual([]);
    expect(count).toBe(1);
    expect(index.entries['web-shop']?.map((entry) => [entry.version, entry.appVersion, entry.urls[0]])).toEqual([['1.0.0', '2.4', 'web-shop-1.0.0.tgz']]);
  });
});
