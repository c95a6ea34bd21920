import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { apiUrl, startApi } from '../src/index.js';

interface Dependency {
  name: string;
  state: string;
  address: string;
  version: string | null;
  reason: string | null;
}

const STATUS = `query { systemStatus { healthy dependencies { name state address version reason } } }`;
const RUN_FIELDS = 'workflowId runId status temporalUiUrl subject attempts';

describe('GraphQL over HTTP against the real API, PostgreSQL, Temporal and NATS', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApiHarness('api_system', { startApi, apiUrl });
  });
  afterAll(() => api.close());

  it('systemStatus reports all three dependencies up, with versions and addresses', async () => {
    const body = await api.graphql<{ systemStatus: { healthy: boolean; dependencies: Dependency[] } }>(STATUS);
    expect(body.errors).toBeUndefined();
    const status = body.data!.systemStatus;
    expect(status.healthy).toBe(true);
    const byName = Object.fromEntries(status.dependencies.map((d) => [d.name, d]));
    expect(Object.keys(byName).sort()).toEqual(['nats', 'postgresql', 'temporal']);
    expect(byName.temporal).toMatchObject({ state: 'UP', address: api.config.temporal.address });
    expect(byName.temporal?.version).toMatch(/^1\.\d+\.\d+/);
    expect(byName.postgresql?.state).toBe('UP');
    expect(byName.postgresql?.version).toMatch(/^\d+\.\d+/);
    expect(byName.postgresql?.address).not.toContain('password');
    expect(byName.nats).toMatchObject({ state: 'UP', address: api.hub.url });
    expect(byName.nats?.version).toMatch(/^2\.\d+\.\d+/);
  });

  it('startSkeletonRun starts the workflow, which completes, and returns its Temporal UI link', async () => {
    const started = await api.graphql<{ startSkeletonRun: Record<string, unknown> }>(
      `mutation($input: StartSkeletonRunInput!) { startSkeletonRun(input: $input) { ${RUN_FIELDS} } }`,
      { input: { message: 'over http' } },
    );
    expect(started.errors).toBeUndefined();
    const run = started.data!.startSkeletonRun as { workflowId: string; runId: string; temporalUiUrl: string };
    expect(run.temporalUiUrl).toBe(
      `http://127.0.0.1:8233/namespaces/pitrix/workflows/${run.workflowId}/${run.runId}/history`,
    );
    await api.env.client.workflow.getHandle(run.workflowId).result();
    const shown = await api.graphql<{ skeletonRun: Record<string, unknown> }>(
      `query($id: String!) { skeletonRun(workflowId: $id) { ${RUN_FIELDS} } }`,
      { id: run.workflowId },
    );
    expect(shown.data!.skeletonRun).toMatchObject({ status: 'COMPLETED', subject: `pitrix.system.skeleton.${run.workflowId}`, attempts: 1 });
    const rows = (await api.db.dataSource.query('SELECT message FROM system.skeleton_runs WHERE run_id = $1', [run.workflowId])) as unknown[];
    expect(rows).toEqual([{ message: 'over http' }]);
  });

  it.each([
    ['an empty message', { message: '' }],
    ['a negative work time', { message: 'x', workMs: -1 }],
    ['an unknown field', { message: 'x', extra: true }],
  ])('rejects %s with a clear error and starts nothing', async (_case, input) => {
    const before = await api.env.client.workflow.count(`TaskQueue = "${api.config.temporal.taskQueue}"`);
    const body = await api.graphql(`mutation($input: StartSkeletonRunInput!) { startSkeletonRun(input: $input) { workflowId } }`, { input });
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('INPUT.INVALID');
    const after = await api.env.client.workflow.count(`TaskQueue = "${api.config.temporal.taskQueue}"`);
    expect(after.count).toBe(before.count);
  });

  it('an unknown run is SKELETON.RUN_NOT_FOUND', async () => {
    const body = await api.graphql(`query { skeletonRun(workflowId: "skeleton-nope") { status } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe('SKELETON.RUN_NOT_FOUND');
  });

  it('reports the NATS hub down when it stops, with the reason', async () => {
    await api.hub.stop();
    const body = await api.graphql<{ systemStatus: { healthy: boolean; dependencies: Dependency[] } }>(STATUS);
    const nats = body.data!.systemStatus.dependencies.find((d) => d.name === 'nats');
    expect(body.data!.systemStatus.healthy).toBe(false);
    expect(nats?.state).toBe('DOWN');
    expect(nats?.reason).toBeTruthy();
  });
});
