import { RepoEventStore, RepoStore, AppVersionEntity, RepoEventEntity } from '@pitrix/catalog-store';
import { loadWorkerConfig } from '@pitrix/config';
import { readPackageMetadata } from '@pitrix/package';
import { buildPackageArchive, loadPackageFromDirectory } from '@pitrix/package-io';
import { parseKeyRing, SecretBox } from '@pitrix/secrets';
import { INDEX_REPO_WORKFLOW_TYPE, indexRepoWorkflowId, type IndexRepoResult } from '@pitrix/workflow-contract';
import type { Worker } from '@temporalio/worker';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordHistory } from './support/histories.js';
import { startWorkerHarness, type WorkerHarness } from './support/worker-harness.js';

const EXAMPLES = join(__dirname, '../../../examples/packages');
const config = loadWorkerConfig({});

describe('indexRepoWorkflow on the real Temporal server', () => {
  let harness: WorkerHarness;
  let worker: Worker;
  let running: Promise<void>;
  let repos: RepoStore;
  const folder = mkdtempSync(join(tmpdir(), 'pitrix-index-workflow-'));
  const run = async (repoId: string, workflowId = indexRepoWorkflowId(repoId)) => {
    const handle = await harness.env.client.workflow.start(INDEX_REPO_WORKFLOW_TYPE, { taskQueue: harness.taskQueue, workflowId, args: [{ repoId, trigger: 'manual' }] });
    return { handle, result: (await handle.result()) as IndexRepoResult };
  };
  const newRepo = (name: string, url: string) =>
    repos.create({ owner: 'usr-admin', ownerPath: 'usr-admin', name, description: '', url, visibility: 'private', providers: ['local'], labels: {}, selectors: {}, appDefaultStatus: 'active', categories: [], indexIntervalSeconds: 3600 });

  beforeAll(async () => {
    harness = await startWorkerHarness('catalog_index');
    repos = new RepoStore(harness.db.dataSource, new SecretBox(parseKeyRing(config.secrets.keys)));
    for (const name of ['kv-store', 'web-app']) {
      const files = await loadPackageFromDirectory(join(EXAMPLES, name), config.package);
      const metadata = readPackageMetadata(files.find((file) => file.path === 'package.json')!.bytes).metadata!;
      const archive = buildPackageArchive(files, metadata);
      writeFileSync(join(folder, archive.fileName), archive.bytes);
    }
    worker = await harness.createWorker();
    running = worker.run();
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await harness.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('indexes a repo and records the run as a successful RepoEvent', async () => {
    const repo = await newRepo('examples', pathToFileURL(folder).toString());
    const { handle, result } = await run(repo.id);
    expect(result).toMatchObject({ status: 'successful', counts: { added: 2, updated: 0, removed: 0, unchanged: 0, failures: [] } });
    const event = await harness.db.dataSource.manager.findOneByOrFail(RepoEventEntity, { id: result.eventId });
    expect(event).toMatchObject({ status: 'successful', added: 2, trigger: 'manual', workflowId: indexRepoWorkflowId(repo.id) });
    expect(await harness.db.dataSource.manager.countBy(AppVersionEntity, { repoId: repo.id })).toBe(2);
    await recordHistory(harness.env.client, handle.workflowId, handle.firstExecutionRunId, 'index-repo.successful');
  });

  it('a repo that cannot be read fails the run with its code and changes nothing', async () => {
    const repo = await newRepo('gone', pathToFileURL(join(folder, 'does-not-exist')).toString());
    const { handle, result } = await run(repo.id);
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/^REPO\.NOT_FOUND: /);
    const event = await harness.db.dataSource.manager.findOneByOrFail(RepoEventEntity, { id: result.eventId });
    expect(event).toMatchObject({ status: 'failed', error: result.error });
    await recordHistory(harness.env.client, handle.workflowId, handle.firstExecutionRunId, 'index-repo.failed');
  });

  it('a run while another holds the repo is skipped', async () => {
    const repo = await newRepo('held', pathToFileURL(folder).toString());
    const held = await new RepoEventStore(harness.db.dataSource).open(repo.id, 'manual');
    const { result } = await run(repo.id, `${indexRepoWorkflowId(repo.id)}-scheduled`);
    expect(result).toEqual({ eventId: held.event.id, status: 'skipped' });
    expect(await harness.db.dataSource.manager.countBy(AppVersionEntity, { repoId: repo.id })).toBe(0);
  });
});
