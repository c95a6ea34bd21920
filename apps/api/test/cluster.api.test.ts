import { projectionSnapshot } from '@pitrix/cluster-store';
import { CLUSTER_JOB_WORKFLOW_TYPE, clusterWorkflowId } from '@pitrix/workflow-contract';
import { startApiHarness, type ApiHarness, type TestUser } from '@pitrix/e2e-harness';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, startApi } from '../src/index.js';
import { ACCEPTED, clusterCalls, collect, subscriptionClient, testPackage, type AcceptedJobView } from './support/clusters.js';

const GATED = testPackage('gated-init');
/** A copy of a package folder with another version (an upgrade target). */
function copyWithVersion(folder: string, version: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'pitrix-api-pkg-')), 'package');
  cpSync(folder, copy, { recursive: true });
  const metadata = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(copy, 'package.json'), JSON.stringify({ ...metadata, version }, null, 2));
  return copy;
}

/** The local provider's instance records under `root`. */
function localInstances(root: string): Array<{ name: string; agentKind: string; status: string }> {
  const folder = join(root, 'instances');
  return readdirSync(folder).map((id) => JSON.parse(readFileSync(join(folder, id, 'instance.json'), 'utf8')) as { name: string; agentKind: string; status: string });
}

const CREATE = `mutation($input: CreateClusterInput!) { createCluster(input: $input) { ${ACCEPTED} } }`;

describe('clusters over GraphQL, on a real worker with the local provider', () => {
  let api: ApiHarness;
  let calls: ReturnType<typeof clusterCalls>;
  /**
   * Owns the cluster the tests follow. Its clusters come from package paths on the API's machine,
   * which only admins may deploy: bob is an admin (what he may see is not the point here).
   */
  let bob: TestUser;
  /** A plain user, who may see nothing of bob's. */
  let alice: TestUser;
  let bobRuntime: string | undefined;
  // Simulated drones: hooks take 300 ms each and need no process per node. Made by the first
  // cluster's test, so that until then there is no runtime at all.
  const bobsRuntime = async () => (bobRuntime ??= await calls.createRuntime('bob-sim', { simulateDrones: true, simulatedCommandMs: 300 }, bob.headers));
  let clusterId: string;
  const countRows = async (table: string) => Number(((await api.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>)[0]!.n);
  let realRuntime: string | undefined;
  // Real drones, where a hook must really run; its own network, as a network's frontgate belongs to the runtime that placed it first.
  const realDrones = async () => (realRuntime ??= await calls.createRuntime('real-drones', { networks: ['real'] }));
  const failingCreate = async (name: string, atomic: boolean) => {
    const values = { cluster: { name, node: { count: 1 } }, env: { marker: '/nonexistent/marker' } };
    return (await calls.call<{ createCluster: AcceptedJobView }>(CREATE, { input: { packageUrl: GATED, runtimeId: await realDrones(), values, atomic } })).createCluster;
  };
  const workflowsOnQueue = async () => {
    let n = 0;
    for await (const _ of api.env.client.workflow.list({ query: `TaskQueue = '${api.config.temporal.taskQueue}'` })) n++;
    return n;
  };

  beforeAll(async () => {
    api = await startApiHarness('api_cluster', { startApi, apiUrl }, { agents: 'built' });
    calls = clusterCalls(api);
    bob = await api.userWithToken('bob', ['admin']);
    alice = await api.userWithToken('alice', ['user']);
  });
  afterAll(() => api?.close());

  it('refuses bad values with every field path, creating nothing (no cluster, no spec, no workflow)', async () => {
    const before = { clusters: await countRows('cluster.clusters'), specs: await countRows('cluster.job_specs'), workflows: await workflowsOnQueue() };
    const body = await api.graphql(CREATE, { input: { packageUrl: GATED, values: { cluster: { node: { count: 9 } }, env: { marker: 42 } } } }, bob.headers);
    expect(body.errors?.[0]?.extensions?.code).toBe('PACKAGE.VALUES_INVALID');
    const paths = body.errors![0]!.extensions!.problems!.map((p) => p.path).sort();
    expect(paths).toEqual(['cluster.node.count', 'env.marker']);
    for (const path of paths) expect(body.errors![0]!.message).toContain(path);
    expect({ clusters: await countRows('cluster.clusters'), specs: await countRows('cluster.job_specs'), workflows: await workflowsOnQueue() }).toEqual(before);
  });

  it.each([
    ['a catalog version that does not exist', { appVersionId: 'appv-abcdefghjk' }, 'CATALOG.VERSION_NOT_FOUND'],
    ['a package that does not exist', { packageUrl: '/nonexistent/package' }, 'PACKAGE.NOT_FOUND'],
    ['a remote package URL', { packageUrl: 'https://example.com/p.tgz' }, 'INPUT.INVALID'],
    ['both package references', { packageUrl: GATED, appVersionId: 'appv-abcdefghjk' }, 'INPUT.INVALID'],
    ['a runtime of someone else', { packageUrl: GATED, runtimeId: 'rt-abcdefghjk' }, 'RUNTIME.NOT_FOUND'],
  ])('refuses %s with its code', async (_case, input, code) => {
    const body = await api.graphql(CREATE, { input }, bob.headers);
    expect(body.errors?.[0]?.extensions?.code).toBe(code);
  });

  it('a caller without a runtime gets RUNTIME.NO_ELIGIBLE_RUNTIME', async () => {
    // An admin may use every runtime, and deploying from a path needs an admin: this runs while
    // there is no runtime at all.
    expect(await countRows('runtime.runtimes')).toBe(0);
    const body = await api.graphql(CREATE, { input: { packageUrl: GATED } }, bob.headers);
    expect(body.errors?.[0]?.extensions?.code).toBe('RUNTIME.NO_ELIGIBLE_RUNTIME');
    expect(body.errors?.[0]?.message).toContain(`${bob.login} has no runtime`);
  });

  it('creates a cluster from a package path, picking the caller’s runtime and saying why, and reaches active', async () => {
    await bobsRuntime();
    const accepted = await calls.call<{ createCluster: AcceptedJobView }>(CREATE, { input: { packageUrl: GATED, values: { cluster: { name: 'bobs-app' } } } }, bob.headers);
    const job = accepted.createCluster;
    clusterId = job.clusterId;
    expect(job.placement).toEqual({ runtimeId: bobRuntime, reason: expect.stringContaining(`the only runtime of ${bob.login}`) });
    expect(job.temporalUrl).toBe(`${api.config.temporal.uiUrl}/namespaces/${api.config.temporal.namespace}/workflows/${encodeURIComponent(job.workflowId)}/${job.runId}/history`);
    const done = await calls.settled(job.jobId, bob.headers);
    expect(done).toMatchObject({ status: 'successful', action: 'create', live: false });
    expect(done.layers.length).toBeGreaterThan(3);
    expect(done.layers.flatMap((l) => l.tasks).every((t) => t.status === 'successful' || t.status === 'skipped')).toBe(true);
    const cluster = await calls.cluster(clusterId, bob.headers);
    expect(cluster).toMatchObject({ status: 'active', transitionStatus: '', runtimeId: bobRuntime, roles: [{ role: 'node', nodeCount: 2 }] });
    expect(cluster.nodes.map((n) => n.status)).toEqual(['active', 'active']);
    const listed = await calls.call<{ clusters: { totalCount: number; edges: Array<{ node: { id: string; appId: string } }> } }>(
      `{ clusters(filter: { status: "active", search: "bobs" }) { totalCount edges { node { id appId } } } }`, {}, bob.headers);
    expect(listed.clusters.edges.map((e) => e.node)).toEqual([{ id: clusterId, appId: 'app-gated-init' }]);
    const events = await calls.call<{ clusterEvents: Array<{ type: string; sequence: number }> }>(`query($id: ID!) { clusterEvents(clusterId: $id) { type sequence } }`, { id: clusterId }, bob.headers);
    expect(events.clusterEvents[0]!.type).toBe('ClusterCreated');
    expect(events.clusterEvents.map((e) => e.type)).toContain('JobCompleted');
  }, 300_000);

  it('another user can neither see nor operate the cluster; an admin sees it', async () => {
    const hidden = await api.graphql(`query($id: ID!) { cluster(id: $id) { id } }`, { id: clusterId }, alice.headers);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('CLUSTER.NOT_FOUND');
    const list = await calls.call<{ clusters: { totalCount: number } }>('{ clusters { totalCount } }', {}, alice.headers);
    expect(list.clusters.totalCount).toBe(0);
    const stop = await api.graphql(`mutation($id: ID!) { stopCluster(id: $id) { jobId } }`, { id: clusterId }, alice.headers);
    expect(stop.errors?.[0]?.extensions?.code).toBe('CLUSTER.NOT_FOUND');
    const jobs = await calls.call<{ jobs: { totalCount: number } }>(`query($id: String) { jobs(filter: { clusterId: $id }) { totalCount } }`, { id: clusterId }, alice.headers);
    expect(jobs.jobs.totalCount).toBe(0);
    expect((await calls.cluster(clusterId)).id).toBe(clusterId);
  });

  it('stops (streaming the cluster’s events to a subscriber, refusing a second operation with CLUSTER.BUSY) and starts again', async () => {
    const after = (await calls.call<{ clusterEvents: Array<{ sequence: number }> }>(`query($id: ID!) { clusterEvents(clusterId: $id, limit: 5000) { sequence } }`, { id: clusterId }, bob.headers)).clusterEvents.at(-1)!.sequence;
    const client = subscriptionClient(api, bob.headers);
    const streamed = collect<{ type: string; sequence: number }>(client, `subscription($id: ID!, $after: Int) { clusterEvents(clusterId: $id, after: $after) { type sequence } }`, { id: clusterId, after }, (items) =>
      items.some((e) => e.type === 'JobCompleted'),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stop = await calls.operate('stopCluster', { id: clusterId }, bob.headers);
    const busy = await api.graphql(`mutation($id: ID!) { startCluster(id: $id) { jobId } }`, { id: clusterId }, bob.headers);
    expect(busy.errors?.[0]?.extensions?.code).toBe('CLUSTER.BUSY');
    expect((await calls.settled(stop.jobId, bob.headers)).status).toBe('successful');
    const events = await streamed;
    await client.dispose();
    expect(events[0]!.sequence).toBeGreaterThan(after);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['JobStarted', 'TaskStarted', 'TaskSucceeded', 'JobCompleted']));
    expect(events.map((e) => e.sequence)).toEqual([...events.map((e) => e.sequence)].sort((a, b) => a - b));
    expect((await calls.cluster(clusterId, bob.headers)).status).toBe('stopped');

    const wrongState = await api.graphql(`mutation($id: ID!) { stopCluster(id: $id) { jobId } }`, { id: clusterId }, bob.headers);
    expect(wrongState.errors?.[0]?.extensions?.code).toBe('CLUSTER.INVALID_STATE');
    const start = await calls.operate('startCluster', { id: clusterId }, bob.headers);
    expect((await calls.settled(start.jobId, bob.headers)).status).toBe('successful');
    expect((await calls.cluster(clusterId, bob.headers)).status).toBe('active');
  });

  it('an operation sent while the workflow of the ended last job is still closing waits for it instead of CLUSTER.BUSY', async () => {
    const jobs = await calls.call<{ jobs: { edges: Array<{ node: { id: string; status: string } }> } }>(`query($id: String) { jobs(filter: { clusterId: $id }, page: { first: 1 }) { edges { node { id status } } } }`, { id: clusterId }, bob.headers);
    const last = jobs.jobs.edges[0]!.node;
    expect(last.status).toBe('successful');
    // That job's own workflow may still be closing: let it close first.
    await api.env.client.workflow.getHandle(clusterWorkflowId(clusterId)).result();
    // The cluster's workflow, still running after its job ended: held on a queue no worker polls.
    const closing = await api.env.client.workflow.start(CLUSTER_JOB_WORKFLOW_TYPE, { taskQueue: `nobody-polls-${clusterId}`, workflowId: clusterWorkflowId(clusterId), args: [], memo: { jobId: last.id } });
    const requested = calls.operate('stopCluster', { id: clusterId }, bob.headers);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await closing.terminate('the ended job closes');
    const stop = await requested;
    expect((await calls.settled(stop.jobId, bob.headers)).status).toBe('successful');
    const start = await calls.operate('startCluster', { id: clusterId }, bob.headers);
    expect((await calls.settled(start.jobId, bob.headers)).status).toBe('successful');
  });

  it('streams a job’s progress until it ends, while scaling out', async () => {
    const job = await calls.operate('addNodes', { id: clusterId, role: 'node', count: 1 }, bob.headers);
    const client = subscriptionClient(api, bob.headers);
    const views = await collect<{ status: string; layers: Array<{ tasks: Array<{ status: string; startedAt: string | null; finishedAt: string | null }> }> }>(
      client,
      `subscription($id: ID!) { jobProgress(jobId: $id) { status layers { tasks { status startedAt finishedAt } } } }`,
      { id: job.jobId },
      () => false,
    );
    await client.dispose();
    // How many intermediate views arrive depends on how fast the job runs; each one may only
    // show more finished tasks than the one before, and the last is the finished job.
    expect(views.at(-1)!.status).toBe('successful');
    const finished = views.map((view) => view.layers.flatMap((layer) => layer.tasks).filter((task) => task.status === 'successful').length);
    expect(finished).toEqual([...finished].sort((a, b) => a - b));
    expect(finished.at(-1)).toBe(views.at(-1)!.layers.flatMap((layer) => layer.tasks).length);
    // Every finished task says when it ran, for the job page's timings.
    for (const task of views.at(-1)!.layers.flatMap((layer) => layer.tasks)) {
      expect(Date.parse(task.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(task.startedAt!));
    }
    const cluster = await calls.cluster(clusterId, bob.headers);
    expect(cluster.roles).toEqual([{ role: 'node', nodeCount: 3 }]);
    // The job reports success just before its workflow closes; until then the cluster is busy.
    const unknownRole = async () => (await api.graphql(`mutation($id: ID!) { addNodes(id: $id, role: "nope", count: 1) { jobId } }`, { id: clusterId }, bob.headers)).errors?.[0]?.extensions?.code;
    await expect.poll(unknownRole, { timeout: 30_000, interval: 250 }).toBe('CLUSTER.ROLE_NOT_FOUND');
  });

  it('refuses to delete a runtime that has clusters (RUNTIME.IN_USE)', async () => {
    const body = await api.graphql(`mutation($id: ID!) { deleteRuntime(id: $id) { id } }`, { id: bobRuntime }, bob.headers);
    expect(body.errors?.[0]?.extensions?.code).toBe('RUNTIME.IN_USE');
  });

  it('rebuilds the projections from the events to an identical result (admins only)', async () => {
    const refused = await api.graphql('mutation { rebuildProjections { events } }', {}, alice.headers);
    expect(refused.errors?.[0]?.extensions?.code).toBe('AUTH.FORBIDDEN');
    const before = await projectionSnapshot(api.db.dataSource);
    const rebuilt = await calls.call<{ rebuildProjections: { events: number } }>('mutation { rebuildProjections { events } }');
    expect(rebuilt.rebuildProjections.events).toBeGreaterThan(20);
    expect(await projectionSnapshot(api.db.dataSource)).toEqual(before);
  });

  it('restarts, updates env, resizes, scales in and upgrades; an undeclared action is refused', async () => {
    const succeeds = async (mutation: string, args: Record<string, unknown>) => {
      const job = await calls.operate(mutation, { id: clusterId, ...args }, bob.headers);
      expect(job.action).not.toBe('');
      const done = await calls.settled(job.jobId, bob.headers);
      expect([mutation, done.status, done.failure]).toEqual([mutation, 'successful', null]);
      return done;
    };
    await succeeds('restartCluster', {});
    await succeeds('updateClusterEnv', { values: { env: { marker: '/tmp' } } });
    const badEnv = await api.graphql(`mutation($id: ID!) { updateClusterEnv(id: $id, values: { env: { marker: 7 } }) { jobId } }`, { id: clusterId }, bob.headers);
    expect(badEnv.errors?.[0]?.extensions?.code).toBe('PACKAGE.VALUES_INVALID');
    expect(badEnv.errors?.[0]?.extensions?.problems?.map((p) => p.path)).toEqual(['env.marker']);
    await succeeds('resizeCluster', { input: { roles: [{ role: 'node', memoryMiB: 256 }] } });
    expect((await calls.cluster(clusterId, bob.headers)).roles).toEqual([{ role: 'node', nodeCount: 3 }]);
    const victim = (await calls.cluster(clusterId, bob.headers)).nodes.at(-1)!.id;
    const scaleIn = await calls.call<{ deleteNodes: AcceptedJobView }>(`mutation($id: ID!, $nodes: [ID!]!) { deleteNodes(id: $id, nodeIds: $nodes) { ${ACCEPTED} } }`, { id: clusterId, nodes: [victim] }, bob.headers);
    expect((await calls.settled(scaleIn.deleteNodes.jobId, bob.headers)).status).toBe('successful');
    expect((await calls.cluster(clusterId, bob.headers)).nodes.map((n) => n.id)).not.toContain(victim);
    const nextVersion = copyWithVersion(GATED, '1.1.0');
    await succeeds('upgradeCluster', { input: { packageUrl: nextVersion, canary: 1, maxInFlight: 1 } });
    expect((await calls.call<{ cluster: { versionId: string } }>(`query($id: ID!) { cluster(id: $id) { versionId } }`, { id: clusterId }, bob.headers)).cluster.versionId).toBe('appv-gated-init-1.1.0');
    const action = await api.graphql(`mutation($id: ID!) { runClusterAction(id: $id, input: { name: "flush" }) { jobId } }`, { id: clusterId }, bob.headers);
    expect(action.errors?.[0]?.extensions?.code).toBe('CLUSTER.ACTION_NOT_FOUND');
  });

  it('deletes (soft), recovers, deletes again and ceases; the runtime can then be deleted', async () => {
    const remove = await calls.operate('deleteCluster', { id: clusterId }, bob.headers);
    expect((await calls.settled(remove.jobId, bob.headers)).status).toBe('successful');
    expect((await calls.cluster(clusterId, bob.headers)).status).toBe('deleted');
    const recover = await calls.operate('recoverCluster', { id: clusterId }, bob.headers);
    expect((await calls.settled(recover.jobId, bob.headers)).status).toBe('successful');
    expect((await calls.cluster(clusterId, bob.headers)).status).toBe('active');
    const again = await calls.operate('deleteCluster', { id: clusterId }, bob.headers);
    expect((await calls.settled(again.jobId, bob.headers)).status).toBe('successful');
    const cease = await calls.operate('ceaseCluster', { id: clusterId }, bob.headers);
    expect((await calls.settled(cease.jobId, bob.headers)).status).toBe('successful');
    expect((await calls.cluster(clusterId, bob.headers)).status).toBe('ceased');
    const [{ frontgate_id: frontgateId }] = (await api.db.dataSource.query(`SELECT frontgate_id FROM cluster.clusters WHERE id = $1`, [clusterId])) as [{ frontgate_id: string }];
    const frontgateStatuses = () => localInstances(api.localRoot).filter((record) => record.agentKind === 'frontgate' && record.name === frontgateId).map((record) => record.status);
    expect(frontgateStatuses()).toEqual(['running']);
    const deleted = await api.graphql(`mutation($id: ID!) { deleteRuntime(id: $id) { id } }`, { id: bobRuntime }, bob.headers);
    expect(deleted.errors).toBeUndefined();
    // Deleting the runtime retired its frontgate.
    expect(frontgateStatuses()).toEqual(['terminated']);
  });

  it('a failing init fails the job with the command’s exit code and output; retryJob completes it from the failed layer', { timeout: 300_000 }, async () => {
    const realRuntime = await realDrones();
    const marker = join(mkdtempSync(join(tmpdir(), 'pitrix-api-marker-')), 'fixed');
    const accepted = await calls.call<{ createCluster: AcceptedJobView }>(CREATE, { input: { packageUrl: GATED, runtimeId: realRuntime, values: { cluster: { name: 'gated', node: { count: 1 } }, env: { marker } } } });
    const job = accepted.createCluster;
    expect(job.placement).toEqual({ runtimeId: realRuntime, reason: 'given by the caller' });
    const failed = await calls.settled(job.jobId);
    expect(failed).toMatchObject({ status: 'failed', failure: { code: 'AGENT.COMMAND_FAILED', exitCode: 3 } });
    expect(failed.failure!.stderrTail).toContain(`init: marker ${marker} is missing`);
    const failedTask = failed.layers.flatMap((l) => l.tasks).find((t) => t.id === failed.failedTaskId)!;
    expect(failedTask).toMatchObject({ status: 'failed', failure: { exitCode: 3 } });
    expect(failedTask.nodeId).toMatch(/^cln-/);
    expect(await calls.cluster(job.clusterId)).toMatchObject({ status: 'failed', statusReason: 'TaskFailed' });

    writeFileSync(marker, 'fixed\n');
    const retried = await calls.call<{ retryJob: AcceptedJobView }>(`mutation($id: ID!) { retryJob(id: $id) { ${ACCEPTED} } }`, { id: job.jobId });
    expect(retried.retryJob.fromLayer).toBe(failed.layers.findIndex((l) => l.tasks.some((t) => t.id === failed.failedTaskId)));
    expect(retried.retryJob.runId).not.toBe(job.runId);
    const done = await calls.settled(job.jobId);
    expect(done).toMatchObject({ status: 'successful', retries: 1, runId: retried.retryJob.runId });
    expect(await calls.cluster(job.clusterId)).toMatchObject({ status: 'active' });
    const again = await api.graphql(`mutation($id: ID!) { retryJob(id: $id) { jobId } }`, { id: job.jobId });
    expect(again.errors?.[0]?.extensions?.code).toBe('CLUSTER.INVALID_STATE');
    const history = await calls.call<{ jobHistory: { historyJson: string } }>(`query($id: ID!) { jobHistory(id: $id) { historyJson } }`, { id: job.jobId });
    expect((JSON.parse(history.jobHistory.historyJson) as { events: unknown[] }).events.length).toBeGreaterThan(10);
    const cleanup = await calls.operate('deleteCluster', { id: job.clusterId, force: true });
    expect((await calls.settled(cleanup.jobId)).status).toBe('successful');
  });

  it('rollbackJob undoes a failed create as a new job; an atomic create rolls back by itself', async () => {
    const failed = await failingCreate('to-roll-back', false);
    expect((await calls.settled(failed.jobId)).status).toBe('failed');
    const rollback = (await calls.call<{ rollbackJob: AcceptedJobView }>(`mutation($id: ID!) { rollbackJob(id: $id) { ${ACCEPTED} } }`, { id: failed.jobId })).rollbackJob;
    expect(rollback).toMatchObject({ action: 'rollback', clusterId: failed.clusterId });
    expect(rollback.jobId).not.toBe(failed.jobId);
    expect((await calls.settled(rollback.jobId)).status).toBe('successful');
    expect(await calls.cluster(failed.clusterId)).toMatchObject({ status: 'ceased', nodes: [] });

    const atomic = await failingCreate('atomic', true);
    const done = await calls.settled(atomic.jobId);
    expect(done.status).toBe('failed');
    await expect.poll(async () => (await calls.cluster(atomic.clusterId)).status, { timeout: 60_000 }).toBe('ceased');
    const rolledBack = await calls.call<{ job: { rollbackStatus: string } }>(`query($id: ID!) { job(id: $id) { rollbackStatus } }`, { id: atomic.jobId });
    expect(rolledBack.job.rollbackStatus).toBe('successful');
  });

  it('cancelJob stops a running job: the workflow is cancelled, the job ends cancelled and the cluster failed', { timeout: 180_000 }, async () => {
    // Every simulated command takes 20 s: the job is surely running when it is cancelled.
    const slow = await calls.createRuntime('slow-sim', { simulateDrones: true, simulatedCommandMs: 20_000, networks: ['slow'] });
    const job = (await calls.call<{ createCluster: AcceptedJobView }>(CREATE, { input: { packageUrl: GATED, runtimeId: slow } })).createCluster;
    await expect.poll(async () => (await calls.job(job.jobId)).status, { timeout: 60_000, interval: 250 }).toBe('running');
    const cancelled = await calls.call<{ cancelJob: { id: string; status: string } }>(`mutation($id: ID!) { cancelJob(id: $id) { id status } }`, { id: job.jobId });
    expect(cancelled.cancelJob.id).toBe(job.jobId);
    const done = await calls.settled(job.jobId);
    expect(done).toMatchObject({ status: 'cancelled', failure: { code: 'CLUSTER.JOB_CANCELLED' } });
    expect(await calls.cluster(job.clusterId)).toMatchObject({ status: 'failed', statusReason: 'JobCancelled', transitionStatus: '' });
    const again = await api.graphql(`mutation($id: ID!) { cancelJob(id: $id) { id } }`, { id: job.jobId });
    expect(again.errors?.[0]?.extensions?.code).toBe('CLUSTER.INVALID_STATE');
    const description = await api.env.client.workflow.getHandle(job.workflowId, job.runId).describe();
    expect(description.status.name).toBe('CANCELLED');
  });
});
