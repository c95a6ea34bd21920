import { systemSchema } from '@pitrix/db';
import { hasErrorCode } from '@pitrix/errors';
import { indexPackageFolder, sha256Hex, writeRepoIndexFile } from '@pitrix/package-io';
import { parseKeyRing, SecretBox } from '@pitrix/secrets';
import { createTestDatabase, type TestDatabase } from '@pitrix/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AppEntity,
  AppVersionEntity,
  catalogSchema,
  DeploymentLedger,
  RepoEventStore,
  RepoIndexer,
  RepoStore,
  VersionAuditEntity,
  VersionStore,
  type NewRepo,
} from '../src/index.js';
import { archiveOf, LIMITS, loadExamples, withVersion, type ExamplePackage } from './example-archives.js';

const box = new SecretBox(parseKeyRing(`k1:${randomBytes(32).toString('base64')}`));
const owner = { owner: 'usr-alice', ownerPath: 'usr-alice' };

function repoInput(folder: string, name: string, extra: Partial<NewRepo> = {}): NewRepo {
  return { ...owner, name, description: '', url: pathToFileURL(folder).toString(), visibility: 'public', providers: ['local'], labels: {}, selectors: {}, appDefaultStatus: 'active', categories: [], indexIntervalSeconds: 3600, ...extra };
}

describe('catalog store and indexer on the real PostgreSQL', () => {
  let db: TestDatabase;
  let repos: RepoStore;
  let indexer: RepoIndexer;
  let versions: VersionStore;
  let examples: ExamplePackage[];
  const folders: string[] = [];
  const folder = () => {
    const made = mkdtempSync(join(tmpdir(), 'pitrix-catalog-repo-'));
    folders.push(made);
    return made;
  };
  const write = (dir: string, example: ExamplePackage) => {
    const archive = archiveOf(example);
    writeFileSync(join(dir, archive.fileName), archive.bytes);
    return archive;
  };
  const versionsOf = (repoId: string) => db.dataSource.manager.find(AppVersionEntity, { where: { repoId }, order: { name: 'ASC', version: 'ASC' } });

  beforeAll(async () => {
    db = await createTestDatabase('catalog_store', [systemSchema, catalogSchema]);
    repos = new RepoStore(db.dataSource, box);
    indexer = new RepoIndexer({ dataSource: db.dataSource, repos, limits: LIMITS });
    versions = new VersionStore(db.dataSource);
    examples = await loadExamples();
  });
  afterAll(async () => {
    await db.drop();
    for (const made of folders) rmSync(made, { recursive: true, force: true });
  });

  it('seals a repo credential: no plaintext in the row, opened only on request', async () => {
    const repo = await repos.create(repoInput(folder(), 'sealed', { credential: { token: 'repo-token-93817' } }));
    const rows = await db.dataSource.query('SELECT * FROM catalog.repos WHERE id = $1', [repo.id]);
    expect(JSON.stringify(rows)).not.toContain('repo-token-93817');
    expect(repo.credentialFields).toEqual(['token']);
    expect(JSON.stringify(repo)).not.toContain('repo-token-93817');
    expect(await repos.openCredential(repo.id)).toEqual({ token: 'repo-token-93817' });
    const again = await repos.create(repoInput(folder(), 'sealed')).catch((err: unknown) => err);
    expect(hasErrorCode(again, 'CATALOG.REPO_NAME_TAKEN')).toBe(true);
  });

  it('indexes a listed folder of the example packages, then finds nothing new', async () => {
    const dir = folder();
    for (const example of examples) write(dir, example);
    const repo = await repos.create(repoInput(dir, 'listed'));
    expect(await indexer.index(repo.id)).toEqual({ added: examples.length, updated: 0, removed: 0, unchanged: 0, failures: [] });
    const apps = await db.dataSource.manager.find(AppEntity, { where: { repoId: repo.id }, order: { name: 'ASC' } });
    expect(apps.map((app) => [app.name, app.status, app.latestVersion])).toEqual(examples.map((e) => [e.metadata.name, 'active', e.metadata.version]));
    expect(await indexer.index(repo.id)).toEqual({ added: 0, updated: 0, removed: 0, unchanged: examples.length, failures: [] });
  });

  it('index.yaml: a new version is added, app metadata comes from the newest, removed versions go', async () => {
    const dir = folder();
    const [kv] = examples;
    write(dir, kv!);
    write(dir, withVersion(kv!, '0.9.0', 'the old one'));
    await writeRepoIndexFile(dir, (await indexPackageFolder(dir, { limits: LIMITS })).yaml);
    const repo = await repos.create(repoInput(dir, 'indexed'));
    expect((await indexer.index(repo.id)).added).toBe(2);
    write(dir, withVersion(kv!, '1.1.0', 'the newest'));
    await writeRepoIndexFile(dir, (await indexPackageFolder(dir, { limits: LIMITS })).yaml);
    expect(await indexer.index(repo.id)).toEqual({ added: 1, updated: 0, removed: 0, unchanged: 2, failures: [] });
    // The same index.yaml again: nothing to read or parse, everything unchanged.
    expect((await repos.get(repo.id)).indexDigest).toBe(sha256Hex(readFileSync(join(dir, 'index.yaml'))));
    expect(await indexer.index(repo.id)).toEqual({ added: 0, updated: 0, removed: 0, unchanged: 3, failures: [] });
    const app = await db.dataSource.manager.findOneByOrFail(AppEntity, { repoId: repo.id });
    expect([app.latestVersion, app.description]).toEqual(['1.1.0', 'the newest']);

    // 0.9.0 disappears: never deployed, so removed. 1.0.0 disappears while deployed: marked deleted.
    const listed = await versionsOf(repo.id);
    const deployed = listed.find((v) => v.version === '1.0.0')!;
    const ledger = new DeploymentLedger(db.dataSource);
    // Recorded twice (a retried request): still one deployment.
    await ledger.record('cl-retried0001', deployed.id);
    await ledger.record('cl-retried0001', deployed.id);
    expect((await versions.get(deployed.id)).deploymentCount).toBe(1);
    rmSync(join(dir, 'kv-store-0.9.0.tgz'));
    rmSync(join(dir, 'kv-store-1.0.0.tgz'));
    await writeRepoIndexFile(dir, (await indexPackageFolder(dir, { limits: LIMITS })).yaml);
    expect(await indexer.index(repo.id)).toMatchObject({ added: 0, removed: 2, unchanged: 1 });
    expect((await versionsOf(repo.id)).map((v) => [v.version, v.status])).toEqual([['1.0.0', 'deleted'], ['1.1.0', 'active']]);
    const audit = await db.dataSource.manager.findOneByOrFail(VersionAuditEntity, { versionId: deployed.id, toStatus: 'deleted' });
    expect(audit).toMatchObject({ actor: 'system:indexer', fromStatus: 'active' });
  });

  it('a corrupted package fails alone with its reason: bad digest, bad archive; the rest applies', async () => {
    const dir = folder();
    for (const example of examples) write(dir, example);
    await writeRepoIndexFile(dir, (await indexPackageFolder(dir, { limits: LIMITS })).yaml);
    const [first, second] = examples;
    // Same name and version, different bytes than the index promises.
    const tampered = archiveOf(withVersion(first!, first!.metadata.version, 'tampered'));
    writeFileSync(join(dir, `${first!.metadata.name}-${first!.metadata.version}.tgz`), tampered.bytes);
    // Not an archive at all, with the index updated to its digest so only the archive is at fault.
    const garbage = Buffer.from('this is not a gzip file');
    writeFileSync(join(dir, `${second!.metadata.name}-${second!.metadata.version}.tgz`), garbage);
    const index = readFileSync(join(dir, 'index.yaml'), 'utf8');
    const secondDigest = sha256Hex(archiveOf(second!).bytes);
    writeFileSync(join(dir, 'index.yaml'), index.replace(secondDigest, sha256Hex(garbage)));
    const repo = await repos.create(repoInput(dir, 'corrupted'));
    const counts = await indexer.index(repo.id);
    expect(counts.added).toBe(examples.length - 2);
    expect(counts.failures.map((f) => [f.name, f.code]).sort()).toEqual([[first!.metadata.name, 'CATALOG.DIGEST_MISMATCH'], [second!.metadata.name, 'PACKAGE.INVALID']].sort());
    expect(counts.failures.find((f) => f.code === 'CATALOG.DIGEST_MISMATCH')?.reason).toContain('digest mismatch');
    // A run with failures does not mark its index as applied: the next run looks again.
    expect((await repos.get(repo.id)).indexDigest).toBeNull();
    expect((await versionsOf(repo.id)).map((v) => v.name).sort()).toEqual(examples.slice(2).map((e) => e.metadata.name).sort());
  });

  it('a run that cannot read the repo changes nothing', async () => {
    const dir = folder();
    for (const example of examples) write(dir, example);
    const repo = await repos.create(repoInput(dir, 'atomic'));
    await indexer.index(repo.id);
    const before = await versionsOf(repo.id);
    writeFileSync(join(dir, 'index.yaml'), 'api_version: v1\nentries: [not, a, map]\n');
    const error = await indexer.index(repo.id).catch((err: unknown) => err);
    expect(hasErrorCode(error, 'PACKAGE.INDEX_INVALID')).toBe(true);
    expect(await versionsOf(repo.id)).toEqual(before);
  });

  it('transitions are audited and the app status follows its versions', async () => {
    const dir = folder();
    write(dir, examples[0]!);
    const repo = await repos.create(repoInput(dir, 'reviewed', { appDefaultStatus: 'draft' }));
    await indexer.index(repo.id);
    const [version] = await versionsOf(repo.id);
    const dev = { userId: 'usr-dev', roles: ['developer'] as const };
    const reviewer = { userId: 'usr-rev', roles: ['reviewer'] as const };
    await versions.transition(version!.id, 'submit', dev);
    await versions.transition(version!.id, 'startReview', reviewer);
    const refused = await versions.transition(version!.id, 'release', dev).catch((err: unknown) => err);
    expect(hasErrorCode(refused, 'CATALOG.INVALID_TRANSITION')).toBe(true);
    await versions.transition(version!.id, 'pass', reviewer);
    const released = await versions.transition(version!.id, 'release', dev);
    expect(released.status).toBe('active');
    expect((await db.dataSource.manager.findOneByOrFail(AppEntity, { id: version!.appId })).status).toBe('active');
    const audits = await db.dataSource.manager.find(VersionAuditEntity, { where: { versionId: version!.id }, order: { createdAt: 'ASC' } });
    expect(audits.map((a) => [a.action, a.actor, a.fromStatus, a.toStatus])).toEqual([
      ['index', 'system:indexer', null, 'draft'],
      ['submit', 'usr-dev', 'draft', 'submitted'],
      ['startReview', 'usr-rev', 'submitted', 'in-review'],
      ['pass', 'usr-rev', 'in-review', 'passed'],
      ['release', 'usr-dev', 'passed', 'active'],
    ]);
  });

  it('at most one unfinished event per repo', async () => {
    const repo = await repos.create(repoInput(folder(), 'events'));
    const events = new RepoEventStore(db.dataSource);
    const [a, b] = await Promise.all([events.open(repo.id, 'manual'), events.open(repo.id, 'manual')]);
    expect([a.opened, b.opened].sort()).toEqual([false, true]);
    expect(a.event.id).toBe(b.event.id);
    await events.start(a.event.id);
    await events.succeed(a.event.id, { added: 1, updated: 0, removed: 0, unchanged: 0, failures: [] });
    const next = await events.open(repo.id, 'schedule');
    expect(next.opened).toBe(true);
    expect(next.event.id).not.toBe(a.event.id);
  });
});
