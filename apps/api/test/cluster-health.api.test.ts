import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, startApi } from '../src/index.js';
import { ACCEPTED, clusterCalls, collect, subscriptionClient, testPackage, type AcceptedJobView } from './support/clusters.js';

interface HealthView {
  status: string;
  reason: string;
  message: string;
  since: string | null;
}

interface HealthChange {
  clusterId: string;
  health: { status: string; healthy: number; unhealthy: number; unknown: number; since: string | null };
  nodes: Array<HealthView & { nodeId: string }>;
}

const HEALTH_FIELDS = 'clusterId health { status healthy unhealthy unknown since } nodes { nodeId status reason message since }';

describe('cluster and node health over GraphQL, from real drones', () => {
  let api: ApiHarness;
  let calls: ReturnType<typeof clusterCalls>;
  let clusterId: string;

  const health = async () =>
    (
      await calls.call<{ cluster: { health: HealthChange['health']; nodes: Array<{ id: string; instanceId: string; health: HealthView | null }> } }>(
        `query($id: ID!) { cluster(id: $id) { health { status healthy unhealthy unknown since } nodes { id instanceId health { status reason message since } } } }`,
        { id: clusterId },
      )
    ).cluster;

  beforeAll(async () => {
    api = await startApiHarness('api_cluster_health', { startApi, apiUrl }, { agents: 'built', monitorAgents: true });
    calls = clusterCalls(api);
  });
  afterAll(() => api?.close());

  it('rolls the nodes’ health up to the cluster, each node with its reason and since when', async () => {
    const runtimeId = await calls.createRuntime('health', { networks: ['health'] });
    const accepted = (
      await calls.call<{ createCluster: AcceptedJobView }>(`mutation($input: CreateClusterInput!) { createCluster(input: $input) { ${ACCEPTED} } }`, {
        input: { packageUrl: testPackage('gated-init'), runtimeId, values: { cluster: { name: 'watched', node: { count: 2 } } } },
      })
    ).createCluster;
    clusterId = accepted.clusterId;
    expect((await calls.settled(accepted.jobId)).status).toBe('successful');
    await expect.poll(async () => (await health()).health.status, { timeout: 60_000, interval: 500 }).toBe('healthy');
    const cluster = await health();
    expect(cluster.health).toMatchObject({ healthy: 2, unhealthy: 0, unknown: 0 });
    for (const node of cluster.nodes) {
      expect(node.health).toMatchObject({ status: 'healthy', reason: 'HeartbeatsReceived' });
      expect(Date.parse(node.health!.since!)).toBeLessThanOrEqual(Date.now());
    }
    expect(cluster.health.since).toBe([...cluster.nodes.map((node) => node.health!.since!)].sort().at(-1));
  });

  it('pushes a node that stops reporting as unknown, since the change, and the cluster as degraded', async () => {
    const before = await health();
    const victim = before.nodes[0]!;
    const client = subscriptionClient(api);
    const changes = collect<HealthChange>(client, `subscription($id: ID!) { clusterHealth(clusterId: $id) { ${HEALTH_FIELDS} } }`, { id: clusterId }, (items) =>
      items.some((item) => item.health.status === 'degraded'),
    );
    // The node's whole process group (drone and hooks' processes), as a crashed machine would.
    const record = JSON.parse(readFileSync(join(api.localRoot, 'instances', victim.instanceId, 'instance.json'), 'utf8')) as { process: { pid: number } };
    const killedAt = Date.now();
    process.kill(-record.process.pid, 'SIGKILL');
    const pushed = await changes;
    await client.dispose();
    expect(pushed[0]!.health.status).toBe('healthy');
    const last = pushed.at(-1)!;
    expect(last.clusterId).toBe(clusterId);
    expect(last.health).toMatchObject({ status: 'degraded', healthy: 1, unhealthy: 0, unknown: 1 });
    const lost = last.nodes.find((node) => node.nodeId === victim.id)!;
    expect(lost).toMatchObject({ status: 'unknown', reason: 'HeartbeatMissing' });
    expect(lost.message).toContain('unreachable');
    expect(Date.parse(lost.since!)).toBeGreaterThan(killedAt);
    expect(last.health.since).toBe(lost.since);
    const other = last.nodes.find((node) => node.nodeId !== victim.id)!;
    expect(other.since).toBe(before.nodes[1]!.health!.since);
  });
});
