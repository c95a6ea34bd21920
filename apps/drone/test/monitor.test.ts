import { create } from '@bufbuild/protobuf';
import { timestampNow } from '@bufbuild/protobuf/wkt';
import { MonitorSampleStore, readMonitorSeries, startAgentMonitor, type AgentMonitor, type MonitorStatistic, type SeriesResult } from '@pitrix/agent-plane';
import { MonitorReportSchema } from '@pitrix/agent-protocol';
import { agentsSchema, systemSchema } from '@pitrix/db';
import { createTestDatabase, type TestDatabase } from '@pitrix/testing';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentNetwork, type AgentNetwork } from './support/agent-network.js';

interface SampleRow {
  item: string;
  role: string | null;
  value_number: number | null;
  value_text: string | null;
}

describe('monitor items: collected by the drone, recorded by the agent monitor, read as series', () => {
  let net: AgentNetwork;
  let db: TestDatabase;
  let monitor: AgentMonitor;
  const rows = () => db.dataSource.query(`SELECT item, role, value_number, value_text FROM agents.monitor_samples WHERE node_id = 'cln-m1' ORDER BY collected_at, item`) as Promise<SampleRow[]>;

  beforeAll(async () => {
    [net, db] = await Promise.all([startAgentNetwork(), createTestDatabase('agent_monitor_samples', [systemSchema, agentsSchema])]);
    await net.addFrontgate('fg-a');
    await net.addDrone('fg-a', { nodeId: 'cln-m1', role: 'web' });
    monitor = await startAgentMonitor({ registry: net.plane.registry, connections: net.plane.connections, dataSource: db.dataSource, sweepIntervalMs: 200 });
  });
  afterAll(async () => {
    await monitor?.stop();
    await net?.close();
    await db?.drop();
  });

  it('runs the role’s monitor command at its interval and records the declared items it prints', async () => {
    writeFileSync(join(net.drone('cln-m1').dataDir, 'keys'), '7');
    await net.plane.metadata.write('fg-a', 'cl-1', {
      roles: {
        web: {
          monitor: {
            cmd: `printf '{"keys": %s, "state": "up", "undeclared": 1, "broken": "x"}' "$(cat "$PITRIX_DATA_DIR/keys")"`,
            intervalSeconds: 1,
            timeoutSeconds: 5,
            items: [
              { name: 'keys', valueType: 'int' },
              { name: 'state', valueType: 'str' },
              { name: 'broken', valueType: 'int' },
            ],
          },
        },
      },
    });
    await expect.poll(async () => (await rows()).length, { timeout: 15_000, interval: 200 }).toBeGreaterThanOrEqual(4);
    const recorded = await rows();
    expect(recorded.slice(0, 2)).toEqual([
      { item: 'keys', role: 'web', value_number: 7, value_text: null },
      { item: 'state', role: 'web', value_number: null, value_text: 'up' },
    ]);
    expect(new Set(recorded.map((row) => row.item))).toEqual(new Set(['keys', 'state']));
    writeFileSync(join(net.drone('cln-m1').dataDir, 'keys'), '9');
    await expect.poll(async () => (await rows()).some((row) => row.value_number === 9), { timeout: 10_000, interval: 200 }).toBe(true);
  });

  it('stops collecting when the monitor is removed from the metadata', async () => {
    await net.plane.metadata.write('fg-a', 'cl-1', { roles: { web: { monitor: null } } });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const before = (await rows()).length;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await rows()).length).toBe(before);
  });
});

describe('monitor series aggregated in SQL by statistics type', () => {
  let db: TestDatabase;
  const from = new Date('2026-03-01T00:00:00.000Z');
  const at = (seconds: number) => new Date(from.getTime() + seconds * 1000);
  // Two nodes, two 30-second steps; n2 samples 5 s after n1, so "latest" over the nodes is n2's.
  const N1 = [[0, 1, 'a'], [10, 5, 'b'], [20, 3, 'b'], [30, 4, 'c'], [40, 10, 'c']] as const;
  const N2 = [[5, 2, 'x'], [15, 2, 'x'], [25, 8, 'y'], [35, 6, 'y'], [45, 6, 'y']] as const;

  const read = (statistic: MonitorStatistic, options: { nodeId?: string; valueType?: 'int' | 'str'; item?: string } = {}) =>
    readMonitorSeries(db.dataSource, {
      clusterId: 'cl-s',
      nodeId: options.nodeId,
      rollUp: true,
      items: [{ item: options.item ?? 'v', statistic, valueType: options.valueType ?? 'int' }],
      from,
      to: at(60),
      stepSeconds: 30,
    });
  const values = (series: SeriesResult[], nodeId: string | null) => series.find((one) => one.nodeId === nodeId)?.points.map((point) => point.value ?? point.text);

  beforeAll(async () => {
    db = await createTestDatabase('monitor_series', [systemSchema, agentsSchema]);
    const store = new MonitorSampleStore(db.dataSource);
    for (const [nodeId, samples] of [['n1', N1], ['n2', N2]] as const) {
      for (const [second, value, state] of samples) {
        const report = create(MonitorReportSchema, {
          clusterId: 'cl-s',
          nodeId,
          role: 'db',
          collectedAt: timestampNow(),
          samples: [
            { item: 'v', value: { case: 'number', value } },
            { item: 's', value: { case: 'text', value: state } },
          ],
        });
        await store.record(report, at(second));
      }
    }
    // Outside the range: never read.
    await store.record(create(MonitorReportSchema, { clusterId: 'cl-s', nodeId: 'n1', samples: [{ item: 'v', value: { case: 'number', value: 1000 } }] }), at(60));
  });
  afterAll(() => db?.drop());

  it.each([
    ['min', [1, 4], [2, 6], [1, 4]],
    ['max', [5, 10], [8, 6], [8, 10]],
    ['avg', [3, 7], [4, 6], [3.5, 6.5]],
    ['median', [3, 7], [2, 6], [2.5, 6]],
    ['mode', [1, 4], [2, 6], [2, 6]],
    ['latest', [3, 10], [8, 6], [8, 6]],
    // The step's last value minus the value before it; the roll-up adds the nodes' deltas.
    ['delta', [2, 7], [6, -2], [8, 5]],
  ] as const)('%s per node and rolled up over the nodes', async (statistic, n1, n2, rollUp) => {
    const series = await read(statistic);
    expect(series.map((one) => one.nodeId)).toEqual([null, 'n1', 'n2']);
    expect(values(series, 'n1')).toEqual(n1);
    expect(values(series, 'n2')).toEqual(n2);
    expect(values(series, null)).toEqual(rollUp);
    expect(series[0]!.points.map((point) => point.at)).toEqual([from, at(30)]);
  });

  it('rate: the delta per second since the sample before it, added up over the nodes', async () => {
    const series = await read('rate');
    const close = (actual: unknown[] | undefined, expected: number[]) => expected.forEach((value, index) => expect(actual?.[index] as number).toBeCloseTo(value, 9));
    close(values(series, 'n1'), [0.1, 0.35]);
    close(values(series, 'n2'), [0.3, -0.1]);
    close(values(series, null), [0.4, 0.25]);
  });

  it('text items: mode and latest as text', async () => {
    expect(values(await read('mode', { item: 's', valueType: 'str' }), 'n1')).toEqual(['b', 'c']);
    expect(values(await read('latest', { item: 's', valueType: 'str' }), null)).toEqual(['y', 'y']);
  });

  it('one node only: its series without a roll-up', async () => {
    const series = await read('max', { nodeId: 'n2' });
    expect(series.map((one) => one.nodeId)).toEqual(['n2']);
    expect(values(series, 'n2')).toEqual([8, 6]);
  });

  it('retention deletes samples older than the cutoff and nothing newer', async () => {
    const store = new MonitorSampleStore(db.dataSource);
    const count = async () => ((await db.dataSource.query(`SELECT count(*)::int AS n FROM agents.monitor_samples`)) as Array<{ n: number }>)[0]!.n;
    const total = await count();
    expect(await store.deleteOlderThan(at(10))).toBe(4);
    expect(await count()).toBe(total - 4);
    expect(await store.deleteOlderThan(at(10))).toBe(0);
  });
});
