import { systemSchema } from '@pitrix/db';
import { indexPackageFolder, sha256Hex, writeRepoIndexFile } from '@pitrix/package-io';
import { parseKeyRing, SecretBox } from '@pitrix/secrets';
import { createTestDatabase, type TestDatabase } from '@pitrix/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AppVersionEntity,
  catalogSchema,
  openRepoSource,
  RepoEventStore,
  RepoIndexer,
  RepoStore,
  VersionAuditEntity,
  VersionStore,
  type RepoSource,
} from '../src/index.js';
import { archiveOf, LIMITS, loadExamples, withVersion, type ExamplePackage } from './example-archives.js';

const box = new SecretBox(parseKeyRing(`k1:${randomBytes(32).toString('base64')}`));
const dev = { userId: 'usr-alice', roles: ['developer'] as const };
const reviewer = { userId: 'usr-rev', roles: ['reviewer'] as const };

describe('a reviewed version keeps its bytes when the repo changes them (real PostgreSQL)', () => {
  let db: TestDatabase;
  let repos: RepoStore;
  let versions: VersionStore;
  let kv: ExamplePackage;
  const folders: string[] = [];

  /** Writes `kv-store` at each [version, description] into `dir`, and its index.yaml when `withIndex`. */
  const publish = async (dir: string, published: ReadonlyArray<readonly [string, string]>, withIndex: boolean) => {
    for (const [version, description] of published) {
      const archive = archiveOf(withVersion(kv, version, description));
      writeFileSync(join(dir, archive.fileName), archive.bytes);
    }
    if (withIndex) await writeRepoIndexFile(dir, (await indexPackageFolder(dir, { limits: LIMITS })).yaml);
  };
  const newRepo = async (name: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'pitrix-pinned-repo-'));
    folders.push(dir);
    const repo = await repos.create({ owner: 'usr-alice', ownerPath: 'usr-alice', name, description: '', url: pathToFileURL(dir).toString(), visibility: 'public', providers: ['local'], labels: {}, selectors: {}, appDefaultStatus: 'draft', categories: [], indexIntervalSeconds: 3600 });
    return { dir, repo };
  };
  const versionOf = async (repoId: string, version: string) => db.dataSource.manager.findOneByOrFail(AppVersionEntity, { repoId, version });
  /** What a deploy of the version gets: the stored archive, by its digest. */
  const servedDigest = async (id: string) => sha256Hex(await versions.packageBytes(id));
  const auditCount = (versionId: string) => db.dataSource.manager.countBy(VersionAuditEntity, { versionId });

  beforeAll(async () => {
    db = await createTestDatabase('catalog_pinned_digest', [systemSchema, catalogSchema]);
    repos = new RepoStore(db.dataSource, box);
    versions = new VersionStore(db.dataSource);
    kv = (await loadExamples()).find((example) => example.metadata.name === 'kv-store')!;
  });
  afterAll(async () => {
    await db.drop();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    { mode: 'index.yaml', withIndex: true },
    { mode: 'listing', withIndex: false },
  ])('$mode: new bytes under a passed and an active version are refused and reported; a draft is updated; the rest applies', async ({ mode, withIndex }) => {
    const { dir, repo } = await newRepo(`pinned-${mode}`);
    await publish(dir, [['1.0.0', 'reviewed'], ['1.1.0', 'reviewed'], ['1.2.0', 'reviewed']], withIndex);
    const indexer = new RepoIndexer({ dataSource: db.dataSource, repos, limits: LIMITS });
    expect((await indexer.index(repo.id)).added).toBe(3);
    const passed = await versionOf(repo.id, '1.0.0');
    const active = await versionOf(repo.id, '1.1.0');
    for (const id of [passed.id, active.id]) {
      for (const [action, actor] of [['submit', dev], ['startReview', reviewer], ['pass', reviewer]] as const) await versions.transition(id, action, actor);
    }
    await versions.transition(active.id, 'release', dev);
    const auditsBefore = [await auditCount(passed.id), await auditCount(active.id)];

    // The developer changes every archive in place and publishes a new version.
    await publish(dir, [['1.0.0', 'changed'], ['1.1.0', 'changed'], ['1.2.0', 'changed'], ['2.0.0', 'new']], withIndex);
    const offered = (version: string) => sha256Hex(archiveOf(withVersion(kv, version, 'changed')).bytes);
    const events = new RepoEventStore(db.dataSource);
    const { event } = await events.open(repo.id, 'manual');
    await events.start(event.id);
    const counts = await indexer.index(repo.id);
    await events.succeed(event.id, counts);

    expect(counts).toMatchObject({ added: 1, updated: 1, removed: 0, unchanged: 0 });
    // The owner sees, on the run's event, each refused version with the digest kept and the one offered.
    const failures = (await events.get(event.id)).failures;
    expect(failures).toEqual(counts.failures);
    expect(failures.map((f) => [f.name, f.version, f.code]).sort()).toEqual([['kv-store', '1.0.0', 'CATALOG.VERSION_EXISTS'], ['kv-store', '1.1.0', 'CATALOG.VERSION_EXISTS']]);
    for (const [version, kept] of [['1.0.0', passed], ['1.1.0', active]] as const) {
      const reason = failures.find((f) => f.version === version)!.reason;
      expect(reason).toContain(kept.digest);
      expect(reason).toContain(offered(version));
    }

    // What deploys is what was reviewed: same digest, same bytes, same status, no audit entry.
    for (const [kept, status] of [[passed, 'passed'], [active, 'active']] as const) {
      const now = await versionOf(repo.id, kept.version);
      expect([now.status, now.digest, now.description]).toEqual([status, kept.digest, 'reviewed']);
      expect(await servedDigest(kept.id)).toBe(kept.digest);
    }
    expect([await auditCount(passed.id), await auditCount(active.id)]).toEqual(auditsBefore);
    // A draft was never reviewed: it takes the new bytes in place, as before.
    const draft = await versionOf(repo.id, '1.2.0');
    expect([draft.status, draft.digest, draft.description, await servedDigest(draft.id)]).toEqual(['draft', offered('1.2.0'), 'changed', offered('1.2.0')]);
    expect((await versionOf(repo.id, '2.0.0')).status).toBe('draft');

    // A run with failures does not mark its index applied: the next run reports the refusals again.
    expect((await repos.get(repo.id)).indexDigest).toBeNull();
    const again = await indexer.index(repo.id);
    expect(again).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 2 });
    expect(again.failures.map((f) => f.version).sort()).toEqual(['1.0.0', '1.1.0']);
    expect(await servedDigest(active.id)).toBe(active.digest);
  });

  it('a review that starts while the run reads the archives pins the version before the run commits', async () => {
    const { dir, repo } = await newRepo('pinned-race');
    await publish(dir, [['1.0.0', 'submitted']], false);
    await new RepoIndexer({ dataSource: db.dataSource, repos, limits: LIMITS }).index(repo.id);
    const submitted = await versionOf(repo.id, '1.0.0');
    await versions.transition(submitted.id, 'submit', dev);
    await publish(dir, [['1.0.0', 'changed']], false);

    // The run reads statuses first (submitted: not pinned), then the archive; the review starts in between.
    let reviewStarted = false;
    const openSource = (url: string): RepoSource => {
      const source = openRepoSource(url);
      return {
        writable: source.writable,
        check: () => source.check(),
        list: () => source.list(),
        write: (path, bytes) => source.write(path, bytes),
        read: async (path, maxBytes) => {
          if (path.endsWith('.tgz') && !reviewStarted) {
            reviewStarted = true;
            await versions.transition(submitted.id, 'startReview', reviewer);
          }
          return source.read(path, maxBytes);
        },
      };
    };
    const counts = await new RepoIndexer({ dataSource: db.dataSource, repos, limits: LIMITS, openSource }).index(repo.id);

    expect(reviewStarted).toBe(true);
    expect(counts).toMatchObject({ added: 0, updated: 0 });
    expect(counts.failures.map((f) => [f.version, f.code])).toEqual([['1.0.0', 'CATALOG.VERSION_EXISTS']]);
    const now = await versionOf(repo.id, '1.0.0');
    expect([now.status, now.digest, await servedDigest(submitted.id)]).toEqual(['in-review', submitted.digest, submitted.digest]);
  });
});
