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

  it('records the job as cancelled once its tasks in flight have ended, and leaves the cluster failed', async () => {
    const job = await driver.create('kv-store', { cluster: { name: 'cancelled' }, env: { requirepass: 'cancel-pass-1' } });
    const commandsRunning = async () => (await driver.reads.tasks(job.jobId)).filter((task) => task.type === 'runCommand' && task.status === 'running').map((task) => task.taskId);
    await expect.poll(async () => (await commandsRunning()).length, { timeout: 120_000, interval: 200 }).toBeGreaterThan(0);
    const inFlight = await commandsRunning();
    await harness.env.client.workflow.getHandle(job.workflowId, job.runId).cancel();
    await expect(harness.env.client.workflow.getHandle(job.workflowId, job.runId).result()).rejects.toMatchObject({ cause: { name: 'CancelledFailure' } });
    // The histories recorded before tasks in flight outlived no job replay as 'cluster-job.create.cancelled'.
    await recordHistory(harness.env.client, job.workflowId, job.runId, 'cluster-job.create.cancelled-after-tasks-in-flight');
    expect(await driver.reads.job(job.jobId)).toMatchObject({ status: 'cancelled', failure: { code: 'CLUSTER.JOB_CANCELLED' } });
    // The commands in flight ran to their end before the job ended: none is left running.
    const tasks = await driver.reads.tasks(job.jobId);
    expect(tasks.filter((task) => task.status === 'running')).toEqual([]);
    expect(tasks.filter((task) => inFlight.includes(task.taskId)).map((task) => task.status)).toEqual(inFlight.map(() => 'successful'));
    expect(await driver.reads.cluster(job.clusterId)).toMatchObject({ status: 'failed', transitionStatus: '', statusReason: 'JobCancelled' });
  });
});
