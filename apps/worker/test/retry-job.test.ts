import { retryClusterJob } from '@pitrix/cluster-client';
import { ClusterEventStore } from '@pitrix/cluster-store';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterDriver } from './support/cluster-harness.js';
import { recordHistory } from './support/histories.js';
import { startE2eStack, type E2eStack } from './support/e2e-stack.js';
import type { WorkerHarness } from './support/worker-harness.js';

const flakyInit = join(__dirname, 'testdata', 'packages', 'flaky-init');

describe('a job that fails in init, retried once the cause is fixed', () => {
  let stack: E2eStack;
  let harness: WorkerHarness;
  let driver: ClusterDriver;

  beforeAll(async () => {
    stack = await startE2eStack('retry_job', { monitorAgents: false });
    ({ harness, driver } = stack);
  });
  afterAll(() => stack?.close());

  it('fails with the command output, then completes from the failed layer without re-running earlier ones', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'pitrix-marker-')), 'fixed');
    const job = await driver.createFrom(flakyInit, { cluster: { name: 'flaky' }, env: { marker } });
    expect(await driver.outcome(job)).toMatch(/^failed: init\//);
    await recordHistory(harness.env.client, job.workflowId, job.runId, 'cluster-job.create.failed-task');
    const failedJob = await driver.reads.job(job.jobId);
    expect(failedJob.failure).toMatchObject({ code: 'AGENT.COMMAND_FAILED', exitCode: 3 });
    expect(failedJob.failure?.stderrTail).toContain(`init: marker ${marker} is missing`);
    const cluster = await driver.reads.cluster(job.clusterId);
    expect(cluster).toMatchObject({ status: 'failed', statusReason: 'TaskFailed' });
    expect(cluster.statusMessage).toContain('exit code 3');

    writeFileSync(marker, 'fixed\n');
    const retried = await retryClusterJob({ temporal: harness.env.client, reads: driver.reads, events: new ClusterEventStore(harness.db.dataSource) }, job.jobId, 'usr-admin');
    expect(await driver.outcome({ ...job, runId: retried.runId })).toBe('successful');
    await recordHistory(harness.env.client, job.workflowId, retried.runId, 'cluster-job.create.retried-after-reset');
    expect(await driver.reads.cluster(job.clusterId)).toMatchObject({ status: 'active', transitionStatus: '' });
    expect(await driver.reads.job(job.jobId)).toMatchObject({ status: 'successful', retries: 1 });

    const events = await new ClusterEventStore(harness.db.dataSource).eventsOf(job.clusterId, 0, 10_000);
    const starts = events.filter((e) => e.event.type === 'TaskStarted').map((e) => e.event as { taskId: string });
    const layers = (await driver.reads.job(job.jobId)).layers;
    const earlier = layers.slice(0, retried.fromLayer).flat();
    for (const taskId of earlier) expect(starts.filter((s) => s.taskId === taskId)).toHaveLength(1);
    const inFailedLayer = layers[retried.fromLayer] ?? [];
    expect(inFailedLayer.some((taskId) => starts.filter((s) => s.taskId === taskId).length === 2)).toBe(true);
  });
});
