import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterDriver } from './support/cluster-harness.js';
import { startE2eStack, type E2eStack } from './support/e2e-stack.js';
import { expectHealthChecksPass } from './support/health-checks.js';
import type { WorkerHarness } from './support/worker-harness.js';

const LB_PORT = 8080;

interface Visit {
  readonly node: string;
  readonly hits: number;
}

// Each step may wait one health-check interval (60 s) on top of its job.
describe('the three-tier web-app example on the local runtime: a load balancer, application servers and a database', { timeout: 300_000 }, () => {
  let harness: WorkerHarness;
  let driver: ClusterDriver;
  let stack: E2eStack;
  let clusterId: string;
  const nodesOf = async (role: string) => (await driver.reads.nodes(clusterId)).filter((n) => n.role === role && n.status === 'active');
  const visit = async (): Promise<Visit> => {
    const [lb] = await nodesOf('lb');
    const response = await fetch(`http://${lb!.privateIp}:${LB_PORT}/`);
    expect(response.status).toBe(200);
    return (await response.json()) as Visit;
  };
  /** The application servers the load balancer reaches within `visits` round-robin requests. */
  const servedBy = async (visits: number) => {
    const seen = new Set<string>();
    for (let i = 0; i < visits; i++) seen.add((await visit()).node);
    return [...seen].sort();
  };
  const appNodeIds = async () => (await nodesOf('app')).map((n) => n.nodeId).sort();

  beforeAll(async () => {
    stack = await startE2eStack('web_app_e2e');
    ({ harness, driver } = stack);
  });
  afterAll(() => stack?.close());

  it('creates db, then app servers, then the load balancer; requests reach every app server, which count in the database', async () => {
    const since = new Date();
    const job = await driver.create('web-app', { cluster: { name: 'web-e2e', app: { count: 2 } }, env: { db_password: 'web-e2e-pass' } });
    clusterId = job.clusterId;
    expect(await driver.outcome(job)).toBe('successful');
    expect((await driver.reads.nodes(clusterId)).map((n) => n.role).sort()).toEqual(['app', 'app', 'db', 'lb']);
    expect(await servedBy(6)).toEqual(await appNodeIds());
    const first = await visit();
    expect((await visit()).hits).toBe(first.hits + 1);
    await expectHealthChecksPass(harness, (await driver.reads.nodes(clusterId)).map((n) => n.nodeId), since);
  });

  it('scales out the app tier; the load balancer picks the new server up from its re-rendered backends', async () => {
    expect(await driver.outcome(await driver.submit(clusterId, { action: 'addNodes', role: 'app', count: 1 }))).toBe('successful');
    expect(await appNodeIds()).toHaveLength(3);
    await expect.poll(() => servedBy(9), { timeout: 15_000 }).toEqual(await appNodeIds());
  });

  it('scales in the app tier; the load balancer stops sending to the removed server', async () => {
    const [removed] = await nodesOf('app');
    expect(await driver.outcome(await driver.submit(clusterId, { action: 'deleteNodes', nodeIds: [removed!.nodeId], force: false }))).toBe('successful');
    expect(await appNodeIds()).not.toContain(removed!.nodeId);
    await expect.poll(() => servedBy(6), { timeout: 15_000 }).toEqual(await appNodeIds());
  });

  it('stops (nothing answers), starts again with the count kept in the database, then is deleted', async () => {
    const before = await visit();
    const [lb] = await nodesOf('lb');
    expect(await driver.outcome(await driver.submit(clusterId, { action: 'stop' }))).toBe('successful');
    await expect(fetch(`http://${lb!.privateIp}:${LB_PORT}/`)).rejects.toThrow();
    const startedAt = new Date();
    expect(await driver.outcome(await driver.submit(clusterId, { action: 'start' }))).toBe('successful');
    expect((await visit()).hits).toBeGreaterThan(before.hits);
    await expectHealthChecksPass(harness, (await driver.reads.nodes(clusterId)).filter((n) => n.status === 'active').map((n) => n.nodeId), startedAt);
    expect(await driver.outcome(await driver.submit(clusterId, { action: 'delete', force: false }))).toBe('successful');
    expect((await driver.reads.cluster(clusterId)).status).toBe('deleted');
  });
});
