import { jobPayloadFromPackage } from '@pitrix/cluster-client';
import { loadPackageConfig } from '@pitrix/config';
import { newId } from '@pitrix/ids';
import { loadPackageFromDirectory } from '@pitrix/package-io';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterDriver, examplePackage, type ClusterDriver } from './support/cluster-harness.js';
import { LayerHold } from './support/layer-hold.js';
import { startWorkerHarness, type WorkerHarness } from './support/worker-harness.js';

/**
 * kv-store 1.1.0, made from the example: its version bumped, a changed config template on both
 * roles, a changed `kv-ctl.sh` (one comment line), two added files and the primary's `upgrade`
 * hook replaced by one that always fails, so that an upgrade to it fails after its metadata
 * reached the nodes.
 */
function kvStoreNextVersion(): string {
  const folder = mkdtempSync(join(tmpdir(), 'pitrix-kv-store-1.1.0-'));
  cpSync(examplePackage('kv-store'), folder, { recursive: true });
  const edit = (path: string, change: (text: string) => string) => writeFileSync(join(folder, path), change(readFileSync(join(folder, path), 'utf8')));
  edit('package.json', (text) => JSON.stringify({ ...JSON.parse(text), version: '1.1.0' }, null, 2));
  edit('cluster.json.tmpl', (text) =>
    text
      .replace('"backupPolicy": "custom",', '"backupPolicy": "custom",\n  "upgradePolicy": ["1.0.0"],')
      .replace('"upgrade": { "cmd": "$PITRIX_DATA_DIR/app/bin/kv-ctl.sh upgrade", "postStartService": true, "timeout": 900 },', '"upgrade": { "cmd": "$PITRIX_DATA_DIR/app/bin/kv-upgrade.sh", "timeout": 60 },'),
  );
  for (const template of ['templates/primary.conf.hbs', 'templates/replica.conf.hbs']) {
    edit(template, (text) => `${text.replace('protected-mode no\n', 'protected-mode no\ntcp-keepalive 120\n')}# rendered from kv-store 1.1.0\n`);
  }
  edit('files/bin/kv-ctl.sh', (text) => text.replace('#!/bin/sh\n', '#!/bin/sh\n# kv-store 1.1.0.\n'));
  writeFileSync(join(folder, 'files/bin/kv-upgrade.sh'), "#!/bin/sh\n# Refuses, so the upgrade fails once the new files are on the nodes.\nprintf 'kv: the upgrade to 1.1.0 is refused on purpose\\n' >&2\nexit 1\n");
  chmodSync(join(folder, 'files/bin/kv-upgrade.sh'), 0o755);
  mkdirSync(join(folder, 'files/share'));
  writeFileSync(join(folder, 'files/share/release-notes.txt'), 'kv-store 1.1.0: TCP keepalive every 120 s.\n');
  return folder;
}
const PASSWORD = 'kv-undo-pass';

/** A node's package files and rendered config: every entry of `app/` (mode, and for files a digest of their bytes), and `kv/kv.conf`. */
type NodeFiles = Record<string, string>;

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('rolling back a failed upgrade and a cancelled updateEnv of kv-store on real drones', { timeout: 300_000 }, () => {
  let harness: WorkerHarness;
  let driver: ClusterDriver;
  let hold: LayerHold;
  let close: () => Promise<void>;
  let clusterId: string;
  let versionId: string;
  let deployed: Record<string, NodeFiles>;

  /** What the local provider's instance of a node holds, keyed by path below its data folder. */
  function filesOf(instanceId: string): NodeFiles {
    const disk = join(harness.localRoot, 'instances', instanceId, 'disk');
    const files: NodeFiles = {};
    const app = join(disk, 'app');
    for (const path of (readdirSync(app, { recursive: true }) as string[]).sort()) {
      const stat = statSync(join(app, path));
      const mode = (stat.mode & 0o7777).toString(8);
      files[`app/${path}`] = stat.isDirectory() ? `folder ${mode}` : `${mode} ${digest(join(app, path))}`;
    }
    const conf = join(disk, 'kv', 'kv.conf');
    files['kv/kv.conf'] = existsSync(conf) ? `${(statSync(conf).mode & 0o7777).toString(8)} ${digest(conf)}` : 'missing';
    return files;
  }
  const everyNode = async (): Promise<Record<string, NodeFiles>> =>
    Object.fromEntries((await driver.reads.nodes(clusterId)).map((node) => [`${node.role} ${node.nodeId}`, filesOf(node.instanceId!)]));
  const renderedConfigs = async () =>
    Object.fromEntries((await driver.reads.nodes(clusterId)).map((node) => [node.role, readFileSync(join(harness.localRoot, 'instances', node.instanceId!, 'disk', 'kv', 'kv.conf'), 'utf8')]));
  const payloadFrom = async (folder: string, values: Record<string, unknown>) => {
    const current = await driver.payloadOf(clusterId);
    const files = await loadPackageFromDirectory(folder, loadPackageConfig(process.env).package);
    return { ...jobPayloadFromPackage(files, values), cluster: current.cluster };
  };

  beforeAll(async () => {
    harness = await startWorkerHarness('rollback_upgrade');
    driver = await clusterDriver(harness);
    hold = new LayerHold(driver.reads);
    const worker = await harness.createWorker({ activityInterceptors: [hold.interceptor()] });
    const running = worker.run();
    close = async () => {
      // The delete runs the stop hooks: no redis-server outlives the test.
      if (clusterId) await driver.outcome(await driver.submit(clusterId, { action: 'delete', force: true }));
      worker.shutdown();
      await running;
      await harness.close();
    };
  });
  afterAll(() => close?.());

  it('deploys a primary and a replica with the package files and rendered configs of kv-store 1.0.0', async () => {
    const job = await driver.create('kv-store', { cluster: { name: 'kv-undo', replica: { count: 1 } }, env: { requirepass: PASSWORD } });
    clusterId = job.clusterId;
    expect(await driver.outcome(job)).toBe('successful');
    versionId = (await driver.reads.cluster(clusterId)).versionId;
    deployed = await everyNode();
    expect(Object.keys(deployed).map((key) => key.split(' ')[0]).sort()).toEqual(['primary', 'replica']);
    for (const files of Object.values(deployed)) {
      expect(Object.keys(files)).toEqual(['app/bin', 'app/bin/kv-ctl.sh', 'app/bin/meta.py', 'kv/kv.conf']);
    }
  });

  it('a failed upgrade to 1.1.0 leaves the new files on the nodes; its rollback puts back those of 1.0.0, byte for byte', async () => {
    const upgrade = await driver.submit(
      clusterId,
      { action: 'upgrade', targetVersionId: 'appv-kv-store-1-1-0', canary: 1, maxInFlight: 1 },
      await payloadFrom(kvStoreNextVersion(), (await driver.payloadOf(clusterId)).values as Record<string, unknown>),
    );
    expect(await driver.outcome(upgrade)).toMatch(/^failed: upgrade\/o\d+\//);
    expect(await driver.reads.cluster(clusterId)).toMatchObject({ status: 'failed', versionId });
    // The upgrade's metadata reached every node: there is something to roll back.
    await expect.poll(async () => Object.values(await renderedConfigs()).every((conf) => conf.includes('tcp-keepalive 120')), { timeout: 30_000 }).toBe(true);
    for (const files of Object.values(await everyNode())) {
      expect(Object.keys(files)).toEqual(expect.arrayContaining(['app/bin/kv-upgrade.sh', 'app/share', 'app/share/release-notes.txt']));
    }

    const rollback = await driver.rollback(upgrade.jobId);
    expect(await driver.outcome(rollback)).toBe('successful');
    expect(await driver.reads.cluster(clusterId)).toMatchObject({ status: 'active', versionId, lastJobId: rollback.jobId });
    await expect.poll(everyNode, { timeout: 30_000 }).toEqual(deployed);
  });

  it('an updateEnv cancelled once its metadata was written is rolled back to the configs rendered before it, byte for byte', async () => {
    const values = (await driver.payloadOf(clusterId)).values as { env: Record<string, unknown> };
    const jobId = newId('job');
    const held = hold.at(jobId, 0);
    const updateEnv = await driver.submit(clusterId, { action: 'updateEnv' }, await payloadFrom(examplePackage('kv-store'), { ...values, env: { ...values.env, 'maxmemory-policy': 'allkeys-lru' } }), { jobId });
    await held.reached;
    const handle = harness.env.client.workflow.getHandle(updateEnv.workflowId, updateEnv.runId);
    await handle.cancel();
    held.release();
    await expect(handle.result()).rejects.toMatchObject({ cause: { name: 'CancelledFailure' } });
    expect(await driver.reads.job(jobId)).toMatchObject({ status: 'cancelled' });
    // The metadata write in flight ran to its end: the primary renders the new policy.
    await expect.poll(async () => (await renderedConfigs()).primary, { timeout: 30_000 }).toContain('maxmemory-policy allkeys-lru\n');

    const rollback = await driver.rollback(jobId);
    expect(await driver.outcome(rollback)).toBe('successful');
    expect(await driver.reads.cluster(clusterId)).toMatchObject({ status: 'active', versionId, lastJobId: rollback.jobId });
    await expect.poll(everyNode, { timeout: 30_000 }).toEqual(deployed);
  });
});
