import { apiUrl, startApi } from '@pitrix/api';
import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCli } from './support/admin-cli.js';

const KV_STORE = join(__dirname, '../../../examples/packages/kv-store');

/** A plan as `--json --dry-run` prints it. */
interface PlanJson {
  operation: string;
  action: string;
  clusterId: string | null;
  newNodes: Array<{ id: string; role: string }>;
  layers: Array<{ index: number; tasks: Array<{ id: string; type: string; nodeId: string | null }> }>;
}

describe('pitrix cluster --dry-run, backup and restore against the running API and a real worker', () => {
  let api: ApiHarness;
  let clusterId: string;
  const { pitrix, json } = adminCli(() => api);
  const count = async (table: string) => Number(((await api.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>)[0]!.n);
  /** What starting an operation leaves behind. */
  const footprint = async () => ({ clusters: await count('cluster.clusters'), specs: await count('cluster.job_specs'), jobs: await count('cluster.jobs') });

  beforeAll(async () => {
    api = await startApiHarness('cli_cluster_plan', { startApi, apiUrl }, { agents: 'built' });
    const runtime = await api.graphql(`mutation($input: CreateRuntimeInput!) { createRuntime(input: $input) { id } }`, {
      input: { name: 'sim', provider: 'local', zone: 'local', options: { simulateDrones: true, simulatedCommandMs: 20 } },
    });
    expect(runtime.errors).toBeUndefined();
  });
  afterAll(() => api?.close());

  it('cluster create --dry-run prints the layers and tasks and creates nothing', async () => {
    const before = await footprint();
    const human = await pitrix(['cluster', 'create', '--package', KV_STORE, '--set', 'cluster.replica.count=1', '--dry-run']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^plan: create of a new cluster on rt-\S+ \(.+\): \d+ layers, \d+ tasks; nothing started \(dry run\)$/m);
    expect(human.stdout).toMatch(/^new nodes: cln-\S+ \(primary #\d+\), cln-\S+ \(replica #\d+\)$/m);
    expect(human.stdout).toMatch(/^layer 1\/\d+/m);
    expect(human.stdout).toMatch(/^ {2}runInstance +\S/m);
    const plan = await json<PlanJson>(['cluster', 'create', '--package', KV_STORE, '--set', 'cluster.replica.count=1', '--dry-run']);
    expect(plan).toMatchObject({ operation: 'CREATE', action: 'create', clusterId: null });
    expect(plan.newNodes.map((node) => node.role).sort()).toEqual(['primary', 'replica']);
    expect(plan.layers.length).toBeGreaterThan(3);
    expect(await footprint()).toEqual(before);
  });

  it('--dry-run with bad values fails as the create would, with the field path', async () => {
    const bad = await pitrix(['cluster', 'create', '--package', KV_STORE, '--set', 'cluster.replica.count=9', '--dry-run']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('[PACKAGE.VALUES_INVALID]');
    expect(bad.stderr).toContain('cluster.replica.count');
  });

  it('every operation on an existing cluster takes --dry-run and starts no job', async () => {
    const created = await json<{ clusterId: string; job: { status: string } }>(['cluster', 'create', '--package', KV_STORE, '--set', 'cluster.replica.count=1', '--wait']);
    expect(created.job.status).toBe('successful');
    clusterId = created.clusterId;
    const shown = await pitrix(['cluster', 'show', clusterId]);
    expect(shown.stdout).toMatch(/^ROLE +NODES +CPU +MEMORY +VOLUME +IMAGE$/m);
    expect(shown.stdout).toMatch(/^primary +1 +.+ +redis:7\.0$/m);
    expect(shown.stdout).toMatch(/^replica +1 +.+ +redis:7\.0$/m);
    const nodes = (await api.graphql<{ cluster: { nodes: Array<{ id: string; role: string }> } }>(`query($id: ID!) { cluster(id: $id) { nodes { id role } } }`, { id: clusterId })).data!.cluster.nodes;
    const replica = nodes.find((node) => node.role === 'replica')!.id;
    const before = await footprint();
    const cases: Array<[string[], string]> = [
      [['scale-out', clusterId, '--role', 'replica', '--count', '2'], 'addNodes'],
      [['scale-in', clusterId, '--node', replica], 'deleteNodes'],
      [['restart', clusterId], 'restart'],
      [['stop', clusterId], 'stop'],
      [['resize', clusterId, '--role', 'primary', '--memory', '2048'], 'resize'],
      [['update-env', clusterId, '--set', 'env.appendonly=no'], 'updateEnv'],
      [['action', clusterId, 'compact'], 'runAction'],
      [['upgrade', clusterId, '--package', KV_STORE], 'upgrade'],
      [['backup', clusterId, '--snapshot-id', 'snap-planned'], 'backup'],
      [['restore', clusterId, '--snapshot-id', 'snap-planned'], 'restore'],
      [['delete', clusterId], 'delete'],
    ];
    for (const [args, action] of cases) {
      const plan = await json<PlanJson>(['cluster', ...args, '--dry-run']);
      expect([args[0], plan.action, plan.clusterId, plan.layers.length > 0]).toEqual([args[0], action, clusterId, true]);
    }
    const scaleOut = await json<PlanJson>(['cluster', 'scale-out', clusterId, '--role', 'replica', '--count', '2', '--dry-run']);
    expect(scaleOut.newNodes.map((node) => node.role)).toEqual(['replica', 'replica']);
    const scaleIn = await json<PlanJson>(['cluster', 'scale-in', clusterId, '--node', replica, '--dry-run']);
    expect(scaleIn.layers.flatMap((layer) => layer.tasks).some((task) => task.type === 'terminateInstance' && task.nodeId === replica)).toBe(true);
    // Start, recover and cease plan too, and say why they cannot run now (as the mutation would).
    const start = await pitrix(['cluster', 'start', clusterId, '--dry-run']);
    expect(start.code).toBe(1);
    expect(start.stderr).toContain('[CLUSTER.INVALID_STATE]');
    for (const command of ['recover', 'cease']) expect((await pitrix(['cluster', command, clusterId, '--dry-run'])).stderr).toContain('[CLUSTER.INVALID_STATE]');
    expect(await footprint()).toEqual(before);
  });

  it('cluster backup and restore run their jobs (--wait)', async () => {
    const backup = await json<{ action: string; job: { status: string; layers: Array<{ tasks: Array<{ type: string }> }> } }>(['cluster', 'backup', clusterId, '--snapshot-id', 'snap-cli', '--wait']);
    expect(backup).toMatchObject({ action: 'backup', job: { status: 'successful' } });
    expect(backup.job.layers.flatMap((layer) => layer.tasks).some((task) => task.type === 'runCommand')).toBe(true);
    const restore = await pitrix(['cluster', 'restore', clusterId, '--snapshot-id', 'snap-cli', '--wait']);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`successful: restore of ${clusterId}`);
    const missing = await pitrix(['cluster', 'restore', clusterId]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("required option '--snapshot-id <id>'");
  });
});
