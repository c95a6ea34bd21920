import { connect } from '@nats-io/transport-node';
import type { NodeState } from '@pitrix/cluster-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterDriver } from './support/cluster-harness.js';
import { startE2eStack, type E2eStack } from './support/e2e-stack.js';
import { expectHealthChecksPass } from './support/health-checks.js';
import type { WorkerHarness } from './support/worker-harness.js';

const CLIENT_PORT = 4222;
const MONITOR_PORT = 8222;

/** The names of the servers a server has routes to, from its monitoring endpoint. */
async function routedTo(node: NodeState): Promise<string[]> {
  const routez = (await (await fetch(`http://${node.privateIp}:${MONITOR_PORT}/routez`)).json()) as { routes?: Array<{ remote_name: string }> };
  return [...new Set((routez.routes ?? []).map((route) => route.remote_name))].sort();
}

// Each step may wait one health-check interval (60 s) on top of its job.
describe('the NATS cluster example on the local runtime: real nats-servers meshed by routes', { timeout: 300_000 }, () => {
  let harness: WorkerHarness;
  let driver: ClusterDriver;
  let stack: E2eStack;
  let clusterId: string;
  const servers = async () => (await driver.reads.nodes(clusterId)).filter((n) => n.status === 'active');
  /** Every server routes to every other one (server names are node ids). */
  const expectFullMesh = async (count: number) => {
    const members = await servers();
    expect(members).toHaveLength(count);
    for (const member of members) {
      const others = members.filter((m) => m !== member).map((m) => m.nodeId).sort();
      await expect.poll(() => routedTo(member), { timeout: 20_000 }).toEqual(others);
    }
  };

  beforeAll(async () => {
    stack = await startE2eStack('nats_e2e');
    ({ harness, driver } = stack);
  });
  afterAll(() => stack?.close());

  it('creates three servers in a full mesh; a message published on one reaches a subscriber on another; health checks pass', async () => {
    const since = new Date();
    const job = await driver.create('nats-cluster', { cluster: { name: 'nats-e2e' } });
    clusterId = job.clusterId;
    expect(await driver.outcome(job)).toBe('successful');
    await expectFullMesh(3);
    const [first, , last] = await servers();
    const subscriber = await connect({ servers: `${first!.privateIp}:${CLIENT_PORT}` });
    const publisher = await connect({ servers: `${last!.privateIp}:${CLIENT_PORT}` });
    try {
      const sub = subscriber.subscribe('orders.created', { max: 1 });
      await subscriber.flush();
      // Interest spreads to the other servers over the routes; publish until it has arrived.
      const received = (async () => {
        for await (const msg of sub) return msg.string();
        return undefined;
      })();
      const publishing = setInterval(() => publisher.publish('orders.created', 'order-1'), 100);
      try {
        expect(await received).toBe('order-1');
      } finally {
        clearInterval(publishing);
      }
    } finally {
      await subscriber.close();
      await publisher.close();
    }
    await expectHealthChecksPass(harness, (await servers()).map((n) => n.nodeId), since);
  });

  it('scales out by one server, which every server routes to after the routes are re-rendered and reloaded', async () => {
    expect(await driver.outcome(await driver.submit(clusterId, { action: 'addNodes', role: 'nats', count: 1 }))).toBe('successful');
    await expectFullMesh(4);
  });

  it('scales in by one server; the others drop it', async () => {
    const [, leaving] = await servers();
    expect(await driver.outcome(await driver.submit(clusterId, { action: 'deleteNodes', nodeIds: [leaving!.nodeId], force: false }))).toBe('successful');
    await expectFullMesh(3);
  });

  it('is deleted with its servers', async () => {
    const [member] = await servers();
    expect(await driver.outcome(await driver.submit(clusterId, { action: 'delete', force: false }))).toBe('successful');
    expect((await driver.reads.cluster(clusterId)).status).toBe('deleted');
    await expect(fetch(`http://${member!.privateIp}:${MONITOR_PORT}/healthz`)).rejects.toThrow();
  });
});
