import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobPayloadFromPackage } from '@pitrix/cluster-client';
import { loadPackageConfig } from '@pitrix/config';
import { loadPackageFromDirectory } from '@pitrix/package-io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePackage, type ClusterDriver } from './support/cluster-harness.js';
import { startE2eStack, type E2eStack } from './support/e2e-stack.js';
import { expectHealthChecksPass } from './support/health-checks.js';
import { clusterInfo, redisCli, slotsPerMaster } from './support/redis.js';
import type { WorkerHarness } from './support/worker-harness.js';

const PASSWORD = 'redis-e2e-pass';
const PORT = 6379;

// Each step may wait one health-check interval (60 s) on top of its job.
describe('the Redis Cluster example on the local runtime: real redis-servers forming a real cluster', { timeout: 300_000 }, () => {
  let harness: WorkerHarness;
  let driver: ClusterDriver;
  let stack: E2eStack;
  let clusterId: string;
  const activeNodeIds = async () => (await driver.reads.nodes(clusterId)).filter((n) => n.status === 'active').map((n) => n.nodeId);
  const masters = async () => (await driver.reads.nodes(clusterId)).filter((n) => n.role === 'master' && n.status === 'active');
  const expectHealthy = async (count: number) => {
    const servers = (await driver.reads.nodes(clusterId)).filter((n) => n.status === 'active');
    // Gossip clears the failure flags of servers that were restarted within the node timeout.
    for (const server of servers) {
      await expect.poll(async () => (await clusterInfo(server.privateIp!, PORT, PASSWORD)).cluster_state, { timeout: 60_000, interval: 500 }).toBe('ok');
    }
    const [first] = await masters();
    const slots = await slotsPerMaster(first!.privateIp!, PORT, PASSWORD);
    expect(Object.keys(slots)).toHaveLength(count);
    expect(Object.values(slots).reduce((a, b) => a + b, 0)).toBe(16384);
    for (const served of Object.values(slots)) expect(served).toBeGreaterThan(0);
  };

  beforeAll(async () => {
    stack = await startE2eStack('redis_e2e');
    ({ harness, driver } = stack);
  });
  afterAll(() => stack?.close());

  it('creates 3 masters with a replica each; cluster info says ok, all slots are served, every health check passes', async () => {
    const since = new Date();
    const job = await driver.create('redis-cluster', { cluster: { name: 'redis-e2e', master: { memory: 512 } }, env: { requirepass: PASSWORD } });
    clusterId = job.clusterId;
    expect(await driver.outcome(job)).toBe('successful');
    expect((await driver.reads.nodes(clusterId)).map((n) => n.role).sort()).toEqual(['master', 'master', 'master', 'master-replica', 'master-replica', 'master-replica']);
    await expectHealthy(3);
    await expectHealthChecksPass(harness, await activeNodeIds(), since);
    const [first] = await masters();
    await redisCli(first!.privateIp!, PORT, PASSWORD, '-c', 'set', 'survivor', 'yes');
  });

  it('scales out by one master and its replica, rebalancing slots onto it', async () => {
    expect(await driver.outcome(await driver.submit(clusterId, { action: 'addNodes', role: 'master', count: 1 }))).toBe('successful');
    expect(await masters()).toHaveLength(4);
    await expectHealthy(4);
  });

  it('scales in by the newest group, moving its slots away first', async () => {
    const nodes = await driver.reads.nodes(clusterId);
    const newestGroup = Math.max(...nodes.map((n) => n.groupId));
    const group = nodes.filter((n) => n.groupId === newestGroup).map((n) => n.nodeId);
    expect(await driver.outcome(await driver.submit(clusterId, { action: 'deleteNodes', nodeIds: group, force: false }))).toBe('successful');
    expect(await masters()).toHaveLength(3);
    await expectHealthy(3);
    const [first] = await masters();
    expect(await redisCli(first!.privateIp!, PORT, PASSWORD, '-c', 'get', 'survivor')).toBe('yes');
  });

  it('upgrades to a new version node by node and keeps serving', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pitrix-redis-v2-'));
    cpSync(examplePackage('redis-cluster'), folder, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string };
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ ...manifest, version: '9.9.9' }, null, 2));
    const files = await loadPackageFromDirectory(folder, loadPackageConfig(process.env).package);
    const current = await driver.payloadOf(clusterId);
    const payload = jobPayloadFromPackage(files, current.values as Record<string, unknown>);
    const job = await driver.submit(clusterId, { action: 'upgrade', targetVersionId: 'appv-v999', canary: 1, maxInFlight: 2 }, { ...payload, cluster: current.cluster });
    expect(await driver.outcome(job)).toBe('successful');
    expect((await driver.reads.cluster(clusterId)).versionId).toBe('appv-v999');
    await expectHealthy(3);
  });

  it('stops, starts again with its data and passing health checks, then is deleted', async () => {
    expect(await driver.outcome(await driver.submit(clusterId, { action: 'stop' }))).toBe('successful');
    const startedAt = new Date();
    expect(await driver.outcome(await driver.submit(clusterId, { action: 'start' }))).toBe('successful');
    await expectHealthy(3);
    await expectHealthChecksPass(harness, await activeNodeIds(), startedAt);
    const [first] = await masters();
    expect(await redisCli(first!.privateIp!, PORT, PASSWORD, '-c', 'get', 'survivor')).toBe('yes');
    expect(await driver.outcome(await driver.submit(clusterId, { action: 'delete', force: false }))).toBe('successful');
    expect((await driver.reads.cluster(clusterId)).status).toBe('deleted');
  });
});
