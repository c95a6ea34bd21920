import { systemSchema } from '@pitrix/db';
import { HelmCli } from '@pitrix/helm';
import { encodeText, type PackageFiles } from '@pitrix/package';
import { buildPackageArchive, loadPackageFromDirectory, type PackageArchive } from '@pitrix/package-io';
import { parseKeyRing, SecretBox } from '@pitrix/secrets';
import { createTestDatabase, helmBinary, type TestDatabase } from '@pitrix/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppEntity, AppVersionEntity, catalogSchema, RepoIndexer, RepoStore, type NewRepo } from '../src/index.js';
import { archiveOf, LIMITS, loadExamples, type ExamplePackage } from './example-archives.js';

const WEB_SHOP = join(__dirname, '../../../examples/charts/web-shop');
const box = new SecretBox(parseKeyRing(`k1:${randomBytes(32).toString('base64')}`));

/** The chart with one file replaced (Chart.yaml's version, a broken template...). */
function withFile(files: PackageFiles, path: string, text: string): PackageFiles {
  return [...files.filter((file) => file.path !== path), { path, bytes: encodeText(text), mode: 0o644 }];
}

function chartArchive(files: PackageFiles, name: string, version: string): PackageArchive {
  return buildPackageArchive(files, { name, version });
}

/** A Helm-format index.yaml (`apiVersion`, camelCase, digests) listing the given archives. */
function helmIndex(entries: { name: string; version: string; archive: PackageArchive; extra?: Record<string, unknown> }[]): string {
  const byName: Record<string, unknown[]> = {};
  for (const entry of entries) {
    (byName[entry.name] ??= []).push({ apiVersion: 'v2', name: entry.name, version: entry.version, urls: [entry.archive.fileName], digest: entry.archive.sha256, created: '2026-01-01T00:00:00Z', ...entry.extra });
  }
  // JSON is YAML: helm reads an index written this way too.
  return JSON.stringify({ apiVersion: 'v1', entries: byName, generated: '2026-01-01T00:00:00Z' }, null, 2);
}

describe('indexing Helm charts next to Pitrix packages', () => {
  let db: TestDatabase;
  let repos: RepoStore;
  let indexer: RepoIndexer;
  let staticIndexer: RepoIndexer;
  let webShop: PackageFiles;
  let example: ExamplePackage;
  const folders: string[] = [];
  const folder = () => {
    const made = mkdtempSync(join(tmpdir(), 'pitrix-chart-repo-'));
    folders.push(made);
    return made;
  };
  const repoInput = (dir: string, name: string): NewRepo => ({
    owner: 'usr-alice', ownerPath: 'usr-alice', name, description: '', url: pathToFileURL(dir).toString(), visibility: 'public', providers: ['kubernetes', 'local'], labels: {}, selectors: {}, appDefaultStatus: 'active', categories: [], indexIntervalSeconds: 3600,
  });

  beforeAll(async () => {
    db = await createTestDatabase('catalog_charts', [systemSchema, catalogSchema]);
    repos = new RepoStore(db.dataSource, box);
    indexer = new RepoIndexer({ dataSource: db.dataSource, repos, limits: LIMITS, helm: new HelmCli(await helmBinary()) });
    staticIndexer = new RepoIndexer({ dataSource: db.dataSource, repos, limits: LIMITS });
    webShop = await loadPackageFromDirectory(WEB_SHOP, LIMITS);
    [example] = await loadExamples();
  });
  afterAll(async () => {
    await db?.drop();
    for (const made of folders) rmSync(made, { recursive: true, force: true });
  });

  it('records the kind and the Chart.yaml metadata; a chart that does not render fails with helm\'s message', async () => {
    const dir = folder();
    const pitrix = archiveOf(example!);
    const chart = chartArchive(webShop, 'web-shop', '1.0.0');
    const broken = chartArchive(withFile(withFile(webShop, 'Chart.yaml', 'apiVersion: v2\nname: broken-shop\nversion: 0.1.0\n'), 'templates/web.yaml', 'kind: {{ .Values.web.replicas | nosuchfunction }}\n'), 'broken-shop', '0.1.0');
    const lying = chartArchive(webShop, 'web-shop', '1.1.0');
    for (const archive of [pitrix, chart, broken]) writeFileSync(join(dir, archive.fileName), archive.bytes);
    writeFileSync(join(dir, 'web-shop-1.1.0.tgz'), lying.bytes);
    writeFileSync(join(dir, 'index.yaml'), helmIndex([
      { name: example!.metadata.name, version: example!.metadata.version, archive: pitrix },
      // The index entry says what a repo claims; the chart's own Chart.yaml is what is stored.
      { name: 'web-shop', version: '1.0.0', archive: chart, extra: { description: 'from the index, not the chart', kubeVersion: '>=1.0.0' } },
      { name: 'broken-shop', version: '0.1.0', archive: broken },
      { name: 'web-shop', version: '1.1.0', archive: { ...lying, fileName: 'web-shop-1.1.0.tgz' } },
    ]));
    const repo = await repos.create(repoInput(dir, 'charts'));
    const counts = await indexer.index(repo.id);
    expect(counts.added).toBe(2);
    const failures = Object.fromEntries(counts.failures.map((failure) => [`${failure.name} ${failure.version}`, failure]));
    expect(failures['broken-shop 0.1.0']?.code).toBe('PACKAGE.CHART_INVALID');
    expect(failures['broken-shop 0.1.0']?.reason).toContain('function "nosuchfunction" not defined');
    expect(failures['web-shop 1.1.0']).toMatchObject({ code: 'PACKAGE.INVALID' });
    expect(failures['web-shop 1.1.0']?.reason).toContain('the archive holds web-shop 1.0.0, the index lists web-shop 1.1.0');

    const stored = await db.dataSource.manager.find(AppVersionEntity, { where: { repoId: repo.id }, order: { name: 'ASC' } });
    expect(stored.map((version) => [version.name, version.version, version.kind])).toEqual([
      [example!.metadata.name, example!.metadata.version, 'pitrix'],
      ['web-shop', '1.0.0', 'helm'],
    ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
    const chartVersion = stored.find((version) => version.kind === 'helm')!;
    expect(chartVersion.appVersion).toBe('2.4');
    expect(chartVersion.description).toMatch(/^A small web shop/);
    expect(chartVersion.metadata.chart).toMatchObject({ apiVersion: 'v2', name: 'web-shop', version: '1.0.0', kubeVersion: '>=1.27.0-0', type: 'application', icon: 'https://example.com/web-shop/icon.svg' });
    const app = await db.dataSource.manager.findOneByOrFail(AppEntity, { repoId: repo.id, name: 'web-shop' });
    expect(app).toMatchObject({ icon: 'https://example.com/web-shop/icon.svg', latestVersion: '1.0.0', keywords: ['shop', 'web', 'example'] });
  });

  it('lists charts in a repo without an index, and refuses a library chart by its static lint', async () => {
    const dir = folder();
    const chart = chartArchive(webShop, 'web-shop', '1.0.0');
    const library = chartArchive(withFile(webShop, 'Chart.yaml', 'apiVersion: v2\nname: lib-shop\nversion: 1.0.0\ntype: library\n'), 'lib-shop', '1.0.0');
    for (const archive of [chart, library]) writeFileSync(join(dir, archive.fileName), archive.bytes);
    const repo = await repos.create(repoInput(dir, 'listed-charts'));
    const counts = await staticIndexer.index(repo.id);
    expect(counts.added).toBe(1);
    expect(counts.failures.map((failure) => [failure.path, failure.code])).toEqual([['lib-shop-1.0.0.tgz', 'PACKAGE.CHART_INVALID']]);
    expect(counts.failures[0]?.reason).toContain('a library chart cannot be installed');
  });
});
