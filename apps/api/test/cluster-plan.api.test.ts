import { startApiHarness, type ApiHarness, type TestUser } from '@pitrix/e2e-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, startApi } from '../src/index.js';
import { ACCEPTED, clusterCalls, testPackage, type AcceptedJobView } from './support/clusters.js';

const GATED = testPackage('gated-init');

const PLAN = `query($input: ClusterOperationPlanInput!) { planClusterOperation(input: $input) {
  operation action clusterId placement { runtimeId reason }
  newNodes { id role serverId }
  layers { index tasks { id layer type title nodeId status attempts allowedFailure rollback failure { code } } } } }`;

/** A plan as the API shows it. */
interface PlanView {
  operation: string;
  action: string;
  clusterId: string | null;
  placement: { runtimeId: string; reason: string } | null;
  newNodes: Array<{ id: string; role: string; serverId: number }>;
  layers: Array<{ index: number; tasks: Array<{ id: string; type: string; nodeId: string | null; status: string }> }>;
}

/**
 * Layers as comparable data: a task id with each node id replaced by `role#serverId`, so a plan
 * (whose new nodes have provisional ids) compares with the job that ran.
 */
function normalised(layers: PlanView['layers'], nodes: Array<{ id: string; role: string; serverId: number }>): string[][] {
  const names = new Map(nodes.map((node) => [node.id, `${node.role}#${node.serverId}`]));
  const rename = (text: string) => text.replace(/cln-[a-z0-9]+/g, (id) => names.get(id) ?? id);
  return layers.map((layer) => layer.tasks.map((task) => `${task.type} ${rename(task.id)}`).sort());
}

describe('planClusterOperation: the plan of every operation, starting nothing', () => {
  let api: ApiHarness;
  let calls: ReturnType<typeof clusterCalls>;
  /** An admin (deploying from a package path needs one). */
  let bob: TestUser;
  /** A plain user, who may see nothing of bob's. */
  let alice: TestUser;
  let runtimeId: string;
  let clusterId: string;

  const plan = async (input: Record<string, unknown>, headers = bob.headers) => (await calls.call<{ planClusterOperation: PlanView }>(PLAN, { input }, headers)).planClusterOperation;
  const planError = async (input: Record<string, unknown>, headers = bob.headers) => (await api.graphql(PLAN, { input }, headers)).errors?.[0];
  const count = async (table: string) => Number(((await api.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>)[0]!.n);
  const workflows = async () => {
    let n = 0;
    for await (const _ of api.env.client.workflow.list({ query: `TaskQueue = '${api.config.temporal.taskQueue}'` })) n++;
    return n;
  };
  /** Everything an operation would create when it starts. */
  const footprint = async () => ({ clusters: await count('cluster.clusters'), specs: await count('cluster.job_specs'), jobs: await count('cluster.jobs'), workflows: await workflows() });
  const nodesOf = async (id: string) =>
    (await calls.call<{ cluster: { nodes: Array<{ id: string; role: string; serverId: number }> } }>(`query($id: ID!) { cluster(id: $id) { nodes { id role serverId } } }`, { id }, bob.headers)).cluster.nodes;

  beforeAll(async () => {
    api = await startApiHarness('api_cluster_plan', { startApi, apiUrl }, { agents: 'built' });
    calls = clusterCalls(api);
    bob = await api.userWithToken('bob', ['admin']);
    alice = await api.userWithToken('alice', ['user']);
    runtimeId = await calls.createRuntime('plan-sim', { simulateDrones: true, simulatedCommandMs: 50 }, bob.headers);
  });
  afterAll(() => api?.close());

  it('plans a create without starting anything, and the job then runs exactly those layers', async () => {
    const create = { packageUrl: GATED, values: { cluster: { name: 'planned', node: { count: 2 } } } };
    const before = await footprint();
    const planned = await plan({ operation: 'CREATE', create });
    expect(await footprint()).toEqual(before);
    expect(planned).toMatchObject({ operation: 'CREATE', action: 'create', clusterId: null, placement: { runtimeId, reason: expect.stringContaining('the only runtime') } });
    expect(planned.newNodes.map((node) => node.role)).toEqual(['node', 'node']);
    expect(planned.layers.length).toBeGreaterThan(3);
    expect(planned.layers.map((layer) => layer.index)).toEqual(planned.layers.map((_, index) => index));
    expect(planned.layers.flatMap((layer) => layer.tasks).every((task) => task.status === 'pending')).toBe(true);

    const accepted = (await calls.call<{ createCluster: AcceptedJobView }>(`mutation($input: CreateClusterInput!) { createCluster(input: $input) { ${ACCEPTED} } }`, { input: create }, bob.headers)).createCluster;
    clusterId = accepted.clusterId;
    const done = await calls.settled(accepted.jobId, bob.headers);
    expect(done.status).toBe('successful');
    expect(normalised(done.layers, await nodesOf(clusterId))).toEqual(normalised(planned.layers, planned.newNodes));
  }, 300_000);

  it('plans addNodes and deleteNodes on the existing cluster; the scale-out job runs what was planned', async () => {
    const before = await footprint();
    const scaleOut = await plan({ operation: 'ADD_NODES', clusterId, role: 'node', count: 1 });
    const victim = (await nodesOf(clusterId)).at(-1)!;
    const scaleIn = await plan({ operation: 'DELETE_NODES', clusterId, nodeIds: [victim.id] });
    expect(await footprint()).toEqual(before);

    expect(scaleOut).toMatchObject({ operation: 'ADD_NODES', action: 'addNodes', clusterId, placement: null });
    expect(scaleOut.newNodes).toEqual([expect.objectContaining({ role: 'node' })]);
    const newNode = scaleOut.newNodes[0]!.id;
    expect(scaleOut.layers.flatMap((l) => l.tasks).some((task) => task.type === 'runInstance' && task.nodeId === newNode)).toBe(true);

    expect(scaleIn).toMatchObject({ operation: 'DELETE_NODES', action: 'deleteNodes', clusterId, newNodes: [] });
    expect(scaleIn.layers.flatMap((l) => l.tasks).some((task) => task.type === 'terminateInstance' && task.nodeId === victim.id)).toBe(true);

    const job = await calls.operate('addNodes', { id: clusterId, role: 'node', count: 1 }, bob.headers);
    const done = await calls.settled(job.jobId, bob.headers);
    expect(done.status).toBe('successful');
    const nodes = await nodesOf(clusterId);
    const existing = nodes.filter((node) => node.serverId !== scaleOut.newNodes[0]!.serverId);
    expect(normalised(done.layers, nodes)).toEqual(normalised(scaleOut.layers, [...existing, ...scaleOut.newNodes]));
  }, 300_000);

  it.each([
    ['RESTART', {}],
    ['STOP', {}],
    ['DELETE', { force: true }],
    ['UPDATE_ENV', { values: { env: { marker: '/tmp' } } }],
    ['RESIZE', { resize: { roles: [{ role: 'node', memoryMiB: 256 }] } }],
  ])('plans %s on the active cluster', async (operation, args) => {
    const planned = await plan({ operation, clusterId, ...args });
    expect(planned).toMatchObject({ operation, clusterId, newNodes: [] });
    expect(planned.layers.length).toBeGreaterThan(0);
  });

  it('gives the errors the mutation gives: bad values, wrong status, unknown role', async () => {
    const badValues = await planError({ operation: 'CREATE', create: { packageUrl: GATED, values: { cluster: { node: { count: 9 } }, env: { marker: 42 } } } });
    expect(badValues?.extensions?.code).toBe('PACKAGE.VALUES_INVALID');
    expect(badValues?.extensions?.problems?.map((p) => p.path).sort()).toEqual(['cluster.node.count', 'env.marker']);
    const badEnv = await planError({ operation: 'UPDATE_ENV', clusterId, values: { env: { marker: 7 } } });
    expect(badEnv?.extensions?.code).toBe('PACKAGE.VALUES_INVALID');
    const mutationEnv = await api.graphql(`mutation($id: ID!) { updateClusterEnv(id: $id, values: { env: { marker: 7 } }) { jobId } }`, { id: clusterId }, bob.headers);
    expect(badEnv?.extensions?.problems).toEqual(mutationEnv.errors?.[0]?.extensions?.problems);
    expect((await planError({ operation: 'START', clusterId }))?.extensions?.code).toBe('CLUSTER.INVALID_STATE');
    expect((await planError({ operation: 'ADD_NODES', clusterId, role: 'nope', count: 1 }))?.extensions?.code).toBe('CLUSTER.ROLE_NOT_FOUND');
    // The test package declares no backup hook.
    const backup = await api.graphql(`mutation($id: ID!) { backupCluster(id: $id) { jobId } }`, { id: clusterId }, bob.headers);
    expect((await planError({ operation: 'BACKUP', clusterId }))?.extensions).toEqual(backup.errors?.[0]?.extensions);
  });

  it('names every field an operation lacks or does not take', async () => {
    const error = await planError({ operation: 'ADD_NODES', clusterId, role: 'node', snapshotId: 'snap-1' });
    expect(error?.extensions?.code).toBe('INPUT.INVALID');
    expect(error?.extensions?.problems?.map((p) => p.path).sort()).toEqual(['count', 'snapshotId']);
    expect((await planError({ operation: 'RESTORE', clusterId }))?.extensions?.problems?.map((p) => p.path)).toEqual(['snapshotId']);
    expect((await planError({ operation: 'CREATE' }))?.extensions?.problems?.map((p) => p.path)).toEqual(['create']);
  });

  it('refuses a caller exactly as the mutation does; a read-only token may plan but not operate', async () => {
    const hidden = await planError({ operation: 'STOP', clusterId }, alice.headers);
    const stop = await api.graphql(`mutation($id: ID!) { stopCluster(id: $id) { jobId } }`, { id: clusterId }, alice.headers);
    expect(hidden?.extensions?.code).toBe('CLUSTER.NOT_FOUND');
    expect(hidden?.extensions?.code).toBe(stop.errors?.[0]?.extensions?.code);
    const fromPath = await planError({ operation: 'CREATE', create: { packageUrl: GATED } }, alice.headers);
    const createFromPath = await api.graphql(`mutation($input: CreateClusterInput!) { createCluster(input: $input) { jobId } }`, { input: { packageUrl: GATED } }, alice.headers);
    expect(fromPath?.extensions?.code).toBe('AUTH.FORBIDDEN');
    expect(fromPath?.extensions?.code).toBe(createFromPath.errors?.[0]?.extensions?.code);

    // An admin's read-only token: it sees bob's cluster, may plan on it, and may not operate it.
    const reader = await api.userWithToken('reader', ['admin'], { scope: 'read' });
    expect((await plan({ operation: 'STOP', clusterId }, reader.headers)).action).toBe('stop');
    const refused = await api.graphql(`mutation($id: ID!) { stopCluster(id: $id) { jobId } }`, { id: clusterId }, reader.headers);
    expect(refused.errors?.[0]?.extensions?.code).toBe('AUTH.FORBIDDEN');
  });
});
