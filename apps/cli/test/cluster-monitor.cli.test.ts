import { apiUrl, startApi } from '@pitrix/api';
import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCli } from './support/admin-cli.js';

const KV_STORE = join(__dirname, '../../../examples/packages/kv-store');

describe('pitrix cluster monitor / alarm against a kv-store on real drones', () => {
  let api: ApiHarness;
  let clusterId: string;
  let primaryId: string;
  const { pitrix, json } = adminCli(() => api);

  beforeAll(async () => {
    api = await startApiHarness('cli_monitor', { startApi, apiUrl }, { agents: 'built', evaluateAlarms: true });
    const body = await api.graphql<{ createRuntime: { id: string } }>(`mutation($input: CreateRuntimeInput!) { createRuntime(input: $input) { id } }`, {
      input: { name: 'monitored', provider: 'local', zone: 'local', options: { networks: ['monitored'] } },
    });
    const created = await json<{ clusterId: string; job: { status: string } }>([
      'cluster', 'create', '--package', KV_STORE, '--runtime', body.data!.createRuntime.id, '--set', 'cluster.name=kv-cli', '--set', 'cluster.replica.count=0', '--wait',
    ]);
    expect(created.job.status).toBe('successful');
    clusterId = created.clusterId;
    const shown = await api.graphql<{ cluster: { nodes: Array<{ id: string; role: string }> } }>(`query($id: ID!) { cluster(id: $id) { nodes { id role } } }`, { id: clusterId });
    primaryId = shown.data!.cluster.nodes.find((node) => node.role === 'primary')!.id;
  });
  afterAll(() => api?.close());

  it('alarm set, ls and rm; an item the package does not offer is refused with the allowed ones', async () => {
    const refused = await pitrix(['cluster', 'alarm', 'set', clusterId, '--item', 'uptime', '--condition', 'GT', '--threshold', '1', '--role', 'primary']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('allowed: connected_clients, keys, replicas, used_memory_mb');
    const set = await pitrix(['cluster', 'alarm', 'set', clusterId, '--item', 'keys', '--condition', 'GTE', '--threshold', '100', '--role', 'primary', '--consecutive', '2']);
    expect(set.code).toBe(0);
    const alarmId = /alarm (alm-\S+) on cluster/.exec(set.stdout)?.[1];
    expect(set.stdout).toContain(`on cluster ${clusterId}: keys GTE 100 for 2 samples on role primary`);
    const listed = await pitrix(['cluster', 'alarm', 'ls', clusterId]);
    expect(listed.stdout).toMatch(/^ID +ITEM +ROLE +CONDITION +THRESHOLD +CONSECUTIVE +RAISED ON$/m);
    expect(listed.stdout).toMatch(new RegExp(`^${alarmId} +keys +primary +GTE +100 +2 +-$`, 'm'));
    expect((await pitrix(['cluster', 'alarm', 'rm', clusterId, alarmId!])).stdout).toContain(`alarm ${alarmId} removed`);
    expect((await pitrix(['cluster', 'alarm', 'ls', clusterId])).stdout).toContain('has no alarm rules');
  });

  it('cluster monitor prints the roll-up and one node’s items as a table over time', { timeout: 60_000 }, async () => {
    await expect
      .poll(async () => (await pitrix(['cluster', 'monitor', clusterId, '--since', '5m', '--step', '60'])).stdout, { timeout: 40_000, interval: 1_000 })
      .toMatch(/^TIME +connected_clients \[latest\] +keys \[latest\] +replicas \[min\] +used_memory_mb \(MiB\) \[max\]$/m);
    const rollUp = await pitrix(['cluster', 'monitor', clusterId, '--since', '5m', '--step', '60']);
    expect(rollUp.stdout).toMatch(/^\d{4}-\d\d-\d\dT\S+Z +\d+ +0 +0 +\d+$/m);
    const node = await pitrix(['cluster', 'monitor', clusterId, '--node', primaryId, '--since', '5m', '--step', '5', '--item', 'keys']);
    expect(node.stdout).toMatch(/^TIME +keys \[latest\]$/m);
    expect(node.stdout).toMatch(/^\d{4}-\d\d-\d\dT\S+Z +0$/m);
    const fine = await pitrix(['cluster', 'monitor', clusterId, '--since', '2d', '--step', '1']);
    expect(fine.code).not.toBe(0);
    expect(fine.stderr).toContain('at most 1000 are read at once');
  });
});
