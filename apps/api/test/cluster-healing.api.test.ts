import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, startApi } from '../src/index.js';
import { ACCEPTED, clusterCalls, testPackage, type AcceptedJobView } from './support/clusters.js';

interface NodeView {
  id: string;
  serverId: number;
  status: string;
  instanceId: string;
  privateIp: string;
  health: { status: string } | null;
}

interface HealingView {
  state: string;
  downNodes: number;
  totalNodes: number;
  releasedBy: string | null;
  events: Array<{ kind: string; downNodes: number; totalNodes: number; message: string; actor: string }>;
}

const HEALING = 'state downNodes totalNodes releasedBy events { kind downNodes totalNodes message actor }';

describe('healing nodes that are down, with a meltdown brake, on real drones', () => {
  let api: ApiHarness;
  let calls: ReturnType<typeof clusterCalls>;

  const disk = (instanceId: string, ...path: string[]) => join(api.localRoot, 'instances', instanceId, 'disk', ...path);
  const kill = (instanceId: string) => {
    // The node's whole process group (its drone and whatever its hooks started), as a crashed machine.
    const record = JSON.parse(readFileSync(join(api.localRoot, 'instances', instanceId, 'instance.json'), 'utf8')) as { process: { pid: number } };
    process.kill(-record.process.pid, 'SIGKILL');
  };
  const cluster = async (id: string) =>
    (
      await calls.call<{ cluster: { status: string; transitionStatus: string; health: { status: string; healthy: number }; nodes: NodeView[] } }>(
        `query($id: ID!) { cluster(id: $id) { status transitionStatus health { status healthy } nodes { id serverId status instanceId privateIp health { status } } } }`,
        { id },
      )
    ).cluster;
  const jobs = async (clusterId: string) =>
    (
      await calls.call<{ jobs: { edges: Array<{ node: { id: string; action: string; status: string } }> } }>(`query($id: String!) { jobs(filter: { clusterId: $id }, page: { first: 50 }) { edges { node { id action status } } } }`, {
        id: clusterId,
      })
    ).jobs.edges.map((edge) => edge.node);
  const healing = async (runtimeId: string) => (await calls.call<{ runtime: { healing: HealingView } }>(`query($id: ID!) { runtime(id: $id) { healing { ${HEALING} } } }`, { id: runtimeId })).runtime.healing;
  const createStore = async (runtimeId: string, count: number, graceSeconds: number) => {
    const accepted = (
      await calls.call<{ createCluster: AcceptedJobView }>(`mutation($input: CreateClusterInput!) { createCluster(input: $input) { ${ACCEPTED} } }`, {
        input: { packageUrl: testPackage('healed-store'), runtimeId, values: { cluster: { store: { count } } }, healing: { enabled: true, graceSeconds } },
      })
    ).createCluster;
    expect((await calls.settled(accepted.jobId)).status).toBe('successful');
    await expect.poll(async () => (await cluster(accepted.clusterId)).health, { timeout: 60_000, interval: 500 }).toEqual({ status: 'healthy', healthy: count });
    return accepted.clusterId;
  };

  beforeAll(async () => {
    api = await startApiHarness('api_healing', { startApi, apiUrl }, { agents: 'built', resurrect: true, cuttableLeafLink: true, env: { PITRIX_HEAL_SCAN_MS: '500' } });
    calls = clusterCalls(api);
  });
  afterAll(() => api?.close());

  it('a node killed with -9 is healed: same node id and server id, a new instance, the kept volume’s data, and every node’s config lists it', async () => {
    const runtimeId = await calls.createRuntime('heal', { networks: ['heal'] });
    const clusterId = await createStore(runtimeId, 3, 1);
    const before = await cluster(clusterId);
    const victim = before.nodes[0]!;
    const born = readFileSync(disk(victim.instanceId, 'data', 'born'), 'utf8');
    writeFileSync(disk(victim.instanceId, 'data', 'kept.txt'), 'written before the crash');

    kill(victim.instanceId);
    await expect.poll(async () => (await jobs(clusterId)).filter((job) => job.action === 'heal').map((job) => job.status), { timeout: 180_000, interval: 1_000 }).toEqual(['successful']);

    const after = await cluster(clusterId);
    expect(after.status).toBe('active');
    const healed = after.nodes.find((node) => node.id === victim.id)!;
    expect(healed).toMatchObject({ serverId: victim.serverId, status: 'active' });
    expect(healed.instanceId).not.toBe(victim.instanceId);
    expect(after.nodes.map((node) => node.id).sort()).toEqual(before.nodes.map((node) => node.id).sort());
    // The volume outlived its instance: the new one sees what the old one wrote, and init kept it.
    expect(readFileSync(disk(healed.instanceId, 'data', 'kept.txt'), 'utf8')).toBe('written before the crash');
    expect(readFileSync(disk(healed.instanceId, 'data', 'born'), 'utf8')).toBe(born);
    expect(readFileSync(disk(healed.instanceId, 'hooks.log'), 'utf8')).toMatch(/^init \d+\nstart \d+\n$/);
    for (const node of after.nodes) {
      await expect.poll(() => (existsSync(disk(node.instanceId, 'peers.conf')) ? readFileSync(disk(node.instanceId, 'peers.conf'), 'utf8') : ''), { timeout: 30_000 }).toContain(`${victim.id} ${healed.privateIp}`);
    }
    await expect.poll(async () => (await cluster(clusterId)).health, { timeout: 60_000, interval: 500 }).toEqual({ status: 'healthy', healthy: 3 });
    // Scans go on every 500 ms: one outage, one heal.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect((await jobs(clusterId)).filter((job) => job.action === 'heal')).toHaveLength(1);
    expect((await healing(runtimeId)).state).toBe('healing');
  }, 300_000);

  it('three of five nodes down at once is a meltdown: nothing is healed and an event says why; an admin’s release heals them', async () => {
    const runtimeId = await calls.createRuntime('melt', { networks: ['melt'] });
    await calls.call(`mutation($id: ID!) { setRuntimeHealing(runtimeId: $id, meltdownPercent: 30, meltdownNodes: 10) { state } }`, { id: runtimeId });
    // The grace period outlasts the spread of the drones' last heartbeats (one interval, 10 s).
    const clusterId = await createStore(runtimeId, 5, 15);
    const victims = (await cluster(clusterId)).nodes.slice(0, 3);
    for (const victim of victims) kill(victim.instanceId);

    // Two of five down is already more than 30%; the third follows within a heartbeat interval.
    await expect.poll(async () => (await healing(runtimeId)).downNodes, { timeout: 120_000, interval: 500 }).toBe(3);
    const melted = await healing(runtimeId);
    expect(melted).toMatchObject({ state: 'meltdown', downNodes: 3, totalNodes: 5, releasedBy: null });
    expect(melted.events).toHaveLength(1);
    expect(melted.events[0]).toMatchObject({ kind: 'meltdown', totalNodes: 5, actor: 'resurrector' });
    expect(melted.events[0]!.message).toContain('more than 30%');
    // Past every victim's grace period, still nothing is healed.
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    expect((await jobs(clusterId)).filter((job) => job.action === 'heal')).toEqual([]);
    expect((await healing(runtimeId)).state).toBe('meltdown');

    const released = (await calls.call<{ releaseMeltdown: HealingView }>(`mutation($id: ID!) { releaseMeltdown(runtimeId: $id) { ${HEALING} } }`, { id: runtimeId })).releaseMeltdown;
    expect(released).toMatchObject({ state: 'meltdown', releasedBy: 'admin' });
    expect(released.events[0]).toMatchObject({ kind: 'released', actor: 'admin' });
    await expect.poll(async () => (await jobs(clusterId)).filter((job) => job.action === 'heal').map((job) => job.status), { timeout: 180_000, interval: 1_000 }).toEqual(['successful']);
    await expect.poll(async () => (await cluster(clusterId)).health, { timeout: 60_000, interval: 500 }).toEqual({ status: 'healthy', healthy: 5 });
    await expect.poll(async () => (await healing(runtimeId)).state, { timeout: 30_000, interval: 500 }).toBe('healing');
    expect((await healing(runtimeId)).events.map((event) => event.kind)).toEqual(['recovered', 'released', 'meltdown']);
  }, 300_000);

  it('a partition between the hub and the networks heals nothing: silent nodes behind a silent frontgate are not down', async () => {
    const runtimeId = await calls.createRuntime('split', { networks: ['split'] });
    const clusterId = await createStore(runtimeId, 2, 1);
    api.leafLink!.cut();
    try {
      await expect.poll(async () => (await cluster(clusterId)).health.status, { timeout: 90_000, interval: 500 }).toBe('unknown');
      // Well past the grace period and a frontgate status interval: still nothing to heal.
      await new Promise((resolve) => setTimeout(resolve, 20_000));
      expect((await jobs(clusterId)).filter((job) => job.action === 'heal')).toEqual([]);
      expect((await healing(runtimeId)).state).toBe('healing');
    } finally {
      api.leafLink!.restore();
    }
    await expect.poll(async () => (await cluster(clusterId)).health, { timeout: 120_000, interval: 500 }).toEqual({ status: 'healthy', healthy: 2 });
    expect((await jobs(clusterId)).filter((job) => job.action === 'heal')).toEqual([]);
  }, 300_000);
});
