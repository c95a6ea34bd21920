import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterDriver } from './support/cluster-harness.js';
import { recordHistory } from './support/histories.js';
import { startE2eStack, type E2eStack } from './support/e2e-stack.js';
import type { WorkerHarness } from './support/worker-harness.js';

describe('a cluster job cancelled through Temporal', () => {
  let stack: E2eStack;
  let harness: WorkerHarness;
  let driver: ClusterDriver;

  beforeAll(async () => {
    // Each simulated command takes 20 s, so the job is in the middle of a layer when cancelled.
    stack = await startE2eStack('cancel_job', { runtimeOptions: { simulateDrones: true, simulatedCommandMs: 20_000 }, monitorAgents: false });
    ({ harness, driver } = stack);
  });
  afterAll(() => stack?.close());

  it('records the job as cancelled and leaves the cluster failed', async () => {
    const job = await driver.create('kv-store', { cluster: { name: 'cancelled' }, env: { requirepass: 'cancel-pass-1' } });
    await expect.poll(async () => (await driver.reads.job(job.jobId).catch(() => undefined))?.status, { timeout: 60_000, interval: 200 }).toBe('running');
    await harness.env.client.workflow.getHandle(job.workflowId, job.runId).cancel();
    await expect(harness.env.client.workflow.getHandle(job.workflowId, job.runId).result()).rejects.toMatchObject({ cause: { name: 'CancelledFailure' } });
    await recordHistory(harness.env.client, job.workflowId, job.runId, 'cluster-job.create.cancelled');
    expect(await driver.reads.job(job.jobId)).toMatchObject({ status: 'cancelled', failure: { code: 'CLUSTER.JOB_CANCELLED' } });
    expect(await driver.reads.cluster(job.clusterId)).toMatchObject({ status: 'failed', transitionStatus: '', statusReason: 'JobCancelled' });
  });
});
