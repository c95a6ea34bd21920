import { execFile } from 'node:child_process';
import { jobPayloadFromPackage } from '@pitrix/cluster-client';
import { loadPackageConfig } from '@pitrix/config';
import { loadPackageFromDirectory } from '@pitrix/package-io';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePackage, type ClusterDriver } from './support/cluster-harness.js';
import { recordHistory } from './support/histories.js';
import { startE2eStack, type E2eStack } from './support/e2e-stack.js';
import type { WorkerHarness } from './support/worker-harness.js';

const run = promisify(execFile);
const PASSWORD = 'kv-test-pass';

async function redis(ip: string, port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', ip, '-p', String(port), '--no-auth-warning', '-a', PASSWORD, ...args]);
  return stdout.trim();
}

describe('a cluster of the kv-store example through its whole life, on the local runtime with real agents', () => {
  let stack: E2eStack;
  let harness: WorkerHarness;
  let driver: ClusterDriver;
  let clusterId: string;

  beforeAll(async () => {
    // The agent monitor records the health checks an upgrade's batches wait for.
    stack = await startE2eStack('cluster_lifecycle');
    ({ harness, driver } = stack);
  });
  afterAll(() => stack?.close());

  it('creates a primary and two replicas that replicate', async () => {
    const job = await driver.create('kv-store', { cluster: { name: 'kv-life', replica: { count: 2 } }, env: { requirepass: PASSWORD } });
    clusterId = job.clusterId;
    expect(await driver.outcome(job)).toBe('successful');
    await recordHistory(harness.env.client, job.workflowId, job.runId, 'cluster-job.create.successful');
    const cluster = await driver.reads.cluster(clusterId);
    expect(cluster).toMatchObject({ status: 'active', transitionStatus: '' });
    const nodes = await driver.reads.nodes(clusterId);
    expect(nodes.map((n) => n.role).sort()).toEqual(['primary', 'replica', 'replica']);
    const primary = nodes.find((n) => n.role === 'primary')!;
    const port = Number((await driver.payloadOf(clusterId)).values.env && ((await driver.payloadOf(clusterId)).values.env as { port: number }).port);
    await redis(primary.privateIp!, port, 'set', 'greeting', 'hello');
    for (const replica of nodes.filter((n) => n.role === 'replica')) {
      await expect.poll(() => redis(replica.privateIp!, port, 'get', 'greeting'), { timeout: 20_000 }).toBe('hello');
    }
  });

  it('stops and starts again with its data', async () => {
    const stop = await driver.submit(clusterId, { action: 'stop' });
    expect(await driver.outcome(stop)).toBe('successful');
    await recordHistory(harness.env.client, stop.workflowId, stop.runId, 'cluster-job.stop.successful');
    expect((await driver.reads.cluster(clusterId)).status).toBe('stopped');
    expect(await driver.outcome(await driver.submit(clusterId, { action: 'start' }))).toBe('successful');
    expect((await driver.reads.cluster(clusterId)).status).toBe('active');
  });

  it('backs up, restores the backup over later writes, deletes the backup, and runs the custom action', async () => {
    const nodes = await driver.reads.nodes(clusterId);
    const primary = nodes.find((n) => n.role === 'primary')!;
    const port = ((await driver.payloadOf(clusterId)).values.env as { port: number }).port;
    await redis(primary.privateIp!, port, 'set', 'greeting', 'hello');
    expect(await driver.outcome(await driver.submit(clusterId, { action: 'backup', snapshotId: 'snap-1' }))).toBe('successful');

    await redis(primary.privateIp!, port, 'set', 'greeting', 'overwritten');
    await redis(primary.privateIp!, port, 'set', 'later', 'written after the backup');
    expect(await driver.outcome(await driver.submit(clusterId, { action: 'restore', snapshotId: 'snap-1' }))).toBe('successful');
    expect(await redis(primary.privateIp!, port, 'get', 'greeting')).toBe('hello');
    expect(await redis(primary.privateIp!, port, 'exists', 'later')).toBe('0');
    for (const replica of nodes.filter((n) => n.role === 'replica')) {
      await expect.poll(() => redis(replica.privateIp!, port, 'get', 'greeting'), { timeout: 30_000 }).toBe('hello');
    }
    expect((await driver.reads.cluster(clusterId)).status).toBe('active');

    // Deleting the backup runs the delete_snapshot hook on the primary, which removes its file.
    const backupFile = join(harness.localRoot, 'instances', primary.instanceId!, 'disk', 'backups', 'snap-1.rdb');
    expect(existsSync(backupFile)).toBe(true);
    expect(await driver.outcome(await driver.submit(clusterId, { action: 'deleteSnapshot', snapshotId: 'snap-1' }))).toBe('successful');
    expect(existsSync(backupFile)).toBe(false);

    const rewrites = async () => Number((await redis(primary.privateIp!, port, 'info', 'persistence')).match(/aof_rewrites:(\d+)/)?.[1]);
    const before = await rewrites();
    const action = await driver.submit(clusterId, { action: 'runAction', name: 'compact', params: {} });
    expect(await driver.outcome(action)).toBe('successful');
    expect(await rewrites()).toBeGreaterThan(before);
    const tasks = await driver.reads.tasks(action.jobId);
    expect(tasks.filter((task) => task.title.includes('compact')).map((task) => [task.status, task.nodeId])).toEqual([['successful', primary.nodeId]]);
  });

  it('upgrades to 1.0.1 batch by batch, each after its health checks pass; the primary’s upgrade hook rewrites its append-only file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pitrix-kv-store-1.0.1-'));
    cpSync(examplePackage('kv-store'), folder, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string };
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ ...manifest, version: '1.0.1' }, null, 2));
    const current = await driver.payloadOf(clusterId);
    const payload = jobPayloadFromPackage(await loadPackageFromDirectory(folder, loadPackageConfig(process.env).package), current.values as Record<string, unknown>);
    const job = await driver.submit(clusterId, { action: 'upgrade', targetVersionId: 'appv-kv-store-1-0-1', canary: 1, maxInFlight: 2 }, { ...payload, cluster: current.cluster });
    expect(await driver.outcome(job)).toBe('successful');
    const tasks = await driver.reads.tasks(job.jobId);
    expect(tasks.filter((task) => task.type === 'waitHealthy').map((task) => task.status)).toEqual(['successful', 'successful', 'successful']);
    const primary = (await driver.reads.nodes(clusterId)).find((node) => node.role === 'primary')!;
    const log = readFileSync(join(harness.localRoot, 'instances', primary.instanceId!, 'disk', 'kv', 'upgrades.log'), 'utf8');
    expect(log).toMatch(/^\S+Z upgraded, append-only file rewritten\n$/);
    expect(await redis(primary.privateIp!, (current.values.env as { port: number }).port, 'get', 'greeting')).toBe('hello');
  });

  it('deletes (recoverable) after the destroy hook kept a last snapshot, then ceases leaving no instance behind', async () => {
    const primary = (await driver.reads.nodes(clusterId)).find((node) => node.role === 'primary')!;
    expect(await driver.outcome(await driver.submit(clusterId, { action: 'delete', force: false }))).toBe('successful');
    expect((await driver.reads.cluster(clusterId)).status).toBe('deleted');
    expect(existsSync(join(harness.localRoot, 'instances', primary.instanceId!, 'disk', 'backups', 'before-delete.rdb'))).toBe(true);
    expect(await driver.outcome(await driver.submit(clusterId, { action: 'cease' }))).toBe('successful');
    expect((await driver.reads.cluster(clusterId)).status).toBe('ceased');
    expect(await driver.reads.nodes(clusterId)).toEqual([]);
  });
});
