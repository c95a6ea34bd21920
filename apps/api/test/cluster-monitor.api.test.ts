import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, startApi } from '../src/index.js';
import { ACCEPTED, clusterCalls, type AcceptedJobView } from './support/clusters.js';

const run = promisify(execFile);
const KV_STORE = join(__dirname, '..', '..', '..', 'examples', 'packages', 'kv-store');
const PORT = 6380;
const ALARM_FIELDS = 'id item role condition threshold consecutive activeNodes';

interface Series {
  item: string;
  unit: string;
  valueType: string;
  statisticsType: string;
  nodeId: string | null;
  points: Array<{ at: string; value: number | null; text: string | null }>;
}

interface EventView {
  type: string;
  payload: string;
}

describe('monitor items of a kv-store cluster on real drones: series over GraphQL, alarms raised and cleared', () => {
  let api: ApiHarness;
  let calls: ReturnType<typeof clusterCalls>;
  let clusterId: string;
  let primary: { id: string; privateIp: string };

  const redis = async (...args: string[]) => (await run('redis-cli', ['-h', primary.privateIp, '-p', String(PORT), ...args])).stdout.trim();
  const alarmEvents = async () =>
    (await calls.call<{ clusterEvents: EventView[] }>(`query($id: ID!) { clusterEvents(clusterId: $id, after: 0, limit: 5000) { type payload } }`, { id: clusterId })).clusterEvents
      .filter((event) => event.type.startsWith('ClusterAlarm'))
      .map((event) => JSON.parse(event.payload) as { type: string; alarmId: string; nodeId: string; item: string; value: number | null; threshold: number; condition: string });
  const errorCode = (body: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => body.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    api = await startApiHarness('api_cluster_monitor', { startApi, apiUrl }, { agents: 'built', evaluateAlarms: true });
    calls = clusterCalls(api);
  });
  afterAll(() => api?.close());

  it('creates a one-node kv-store whose drone reports its monitor items', { timeout: 300_000 }, async () => {
    const runtimeId = await calls.createRuntime('monitored', { networks: ['monitored'] });
    const accepted = (
      await calls.call<{ createCluster: AcceptedJobView }>(`mutation($input: CreateClusterInput!) { createCluster(input: $input) { ${ACCEPTED} } }`, {
        input: { packageUrl: KV_STORE, runtimeId, values: { cluster: { name: 'kv-monitored', replica: { count: 0 } } }, healing: { enabled: false } },
      })
    ).createCluster;
    clusterId = accepted.clusterId;
    expect((await calls.settled(accepted.jobId)).status).toBe('successful');
    const { cluster } = await calls.call<{ cluster: { nodes: Array<{ id: string; role: string; privateIp: string }> } }>(`query($id: ID!) { cluster(id: $id) { nodes { id role privateIp } } }`, { id: clusterId });
    primary = cluster.nodes.find((node) => node.role === 'primary')!;
    expect(await redis('ping')).toBe('PONG');
  });

  it('refuses alarm rules on items the package does not offer, naming the allowed ones, and stores nothing', async () => {
    const set = (input: Record<string, unknown>) =>
      api.graphql(`mutation($id: ID!, $input: ClusterAlarmInput!) { setClusterAlarm(clusterId: $id, input: $input) { id } }`, { id: clusterId, input });
    const unknown = await set({ item: 'uptime', role: 'primary', condition: 'GT', threshold: 1 });
    expect(errorCode(unknown)).toBe('CLUSTER.ALARM_ITEM_NOT_ALLOWED');
    expect(JSON.stringify(unknown.errors)).toContain('allowed: connected_clients, keys, replicas, used_memory_mb');
    expect(errorCode(await set({ item: 'keys', role: 'replica', condition: 'GT', threshold: 1 }))).toBe('CLUSTER.ALARM_ITEM_NOT_ALLOWED');
    expect(errorCode(await set({ item: 'keys', role: 'nope', condition: 'GT', threshold: 1 }))).toBe('CLUSTER.ROLE_NOT_FOUND');
    const { cluster } = await calls.call<{ cluster: { alarms: unknown[] } }>(`query($id: ID!) { cluster(id: $id) { alarms { id } } }`, { id: clusterId });
    expect(cluster.alarms).toEqual([]);
  });

  it('raises an alarm when the keys cross the threshold and clears it when they fall back', { timeout: 120_000 }, async () => {
    const { setClusterAlarm: alarm } = await calls.call<{ setClusterAlarm: { id: string } }>(
      `mutation($id: ID!, $input: ClusterAlarmInput!) { setClusterAlarm(clusterId: $id, input: $input) { ${ALARM_FIELDS} } }`,
      { id: clusterId, input: { item: 'keys', role: 'primary', condition: 'GT', threshold: 2 } },
    );
    await redis('mset', 'k1', 'a', 'k2', 'b', 'k3', 'c');
    await expect.poll(async () => (await alarmEvents()).map((event) => event.type), { timeout: 45_000, interval: 500 }).toEqual(['ClusterAlarmRaised']);
    const [raised] = await alarmEvents();
    expect(raised).toMatchObject({ alarmId: alarm.id, nodeId: primary.id, item: 'keys', value: 3, threshold: 2, condition: 'GT' });
    const listed = await calls.call<{ cluster: { alarms: Array<{ id: string; activeNodes: string[] }> } }>(`query($id: ID!) { cluster(id: $id) { alarms { ${ALARM_FIELDS} } } }`, { id: clusterId });
    expect(listed.cluster.alarms).toEqual([{ id: alarm.id, item: 'keys', role: 'primary', condition: 'GT', threshold: 2, consecutive: 1, activeNodes: [primary.id] }]);

    await redis('del', 'k1', 'k2', 'k3');
    await expect.poll(async () => (await alarmEvents()).map((event) => event.type), { timeout: 45_000, interval: 500 }).toEqual(['ClusterAlarmRaised', 'ClusterAlarmCleared']);
    expect((await alarmEvents())[1]).toMatchObject({ alarmId: alarm.id, nodeId: primary.id, item: 'keys', value: 0 });
  });

  it('serves the samples as series per node and rolled up, each step by the item’s statistics type', async () => {
    const to = new Date(Date.now() + 1_000);
    const from = new Date(to.getTime() - 10 * 60_000);
    const { cluster } = await calls.call<{ cluster: { monitor: Series[]; nodes: Array<{ id: string; monitor: Series[] }> } }>(
      `query($id: ID!, $from: DateTime!, $to: DateTime!) { cluster(id: $id) {
         monitor(from: $from, to: $to, stepSeconds: 600, items: ["keys", "used_memory_mb"]) { item unit valueType statisticsType nodeId points { at value text } }
         nodes { id monitor(from: $from, to: $to, stepSeconds: 5, items: ["keys"]) { item unit valueType statisticsType nodeId points { at value text } } } } }`,
      { id: clusterId, from: from.toISOString(), to: to.toISOString() },
    );
    const rollUp = (item: string) => cluster.monitor.find((one) => one.item === item && one.nodeId === null)!;
    expect(rollUp('keys')).toMatchObject({ unit: '', valueType: 'int', statisticsType: 'latest' });
    // One step over the whole range: `latest` is the last sample (keys deleted), `max` the largest memory.
    expect(rollUp('keys').points).toEqual([{ at: from.toISOString(), value: 0, text: null }]);
    expect(rollUp('used_memory_mb')).toMatchObject({ unit: 'MiB', statisticsType: 'max', points: [{ at: from.toISOString(), value: expect.any(Number) }] });
    expect(cluster.monitor.find((one) => one.item === 'keys' && one.nodeId === primary.id)?.points).toHaveLength(1);
    const node = cluster.nodes.find((one) => one.id === primary.id)!;
    const values = node.monitor[0]!.points.map((point) => point.value);
    expect(values).toContain(3);
    expect(values.at(-1)).toBe(0);
    expect(node.monitor[0]!.points.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a monitor range that is reversed or too fine', async () => {
    const query = `query($id: ID!, $from: DateTime!, $to: DateTime!, $step: Int!) { cluster(id: $id) { monitor(from: $from, to: $to, stepSeconds: $step) { item } } }`;
    const now = Date.now();
    const reversed = await api.graphql(query, { id: clusterId, from: new Date(now).toISOString(), to: new Date(now - 60_000).toISOString(), step: 60 });
    expect(errorCode(reversed)).toBe('CLUSTER.MONITOR_QUERY_INVALID');
    const tooFine = await api.graphql(query, { id: clusterId, from: new Date(now - 86_400_000).toISOString(), to: new Date(now).toISOString(), step: 1 });
    expect(errorCode(tooFine)).toBe('CLUSTER.MONITOR_QUERY_INVALID');
    expect(JSON.stringify(tooFine.errors)).toContain('use a step of at least 87 s');
  });

  it('removing a raised alarm clears it; removing it again is not found', async () => {
    const { setClusterAlarm: alarm } = await calls.call<{ setClusterAlarm: { id: string } }>(
      `mutation($id: ID!, $input: ClusterAlarmInput!) { setClusterAlarm(clusterId: $id, input: $input) { id } }`,
      { id: clusterId, input: { item: 'keys', condition: 'LT', threshold: 1 } },
    );
    await expect.poll(async () => (await alarmEvents()).filter((event) => event.alarmId === alarm.id).map((event) => event.type), { timeout: 45_000, interval: 500 }).toEqual(['ClusterAlarmRaised']);
    const remove = `mutation($id: ID!, $alarm: ID!) { removeClusterAlarm(clusterId: $id, alarmId: $alarm) { id } }`;
    await calls.call(remove, { id: clusterId, alarm: alarm.id });
    expect((await alarmEvents()).filter((event) => event.alarmId === alarm.id)).toMatchObject([{ type: 'ClusterAlarmRaised' }, { type: 'ClusterAlarmCleared', nodeId: primary.id, value: null }]);
    expect(errorCode(await api.graphql(remove, { id: clusterId, alarm: alarm.id }))).toBe('CLUSTER.ALARM_NOT_FOUND');
  });
});
