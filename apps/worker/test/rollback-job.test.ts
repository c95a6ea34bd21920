import { INSTANCE_TAGS } from '@pitrix/activities';
import { rollbackClusterJob } from '@pitrix/cluster-client';
import { JobSpecStore } from '@pitrix/cluster-store';
import { loadWorkerConfig } from '@pitrix/config';
import { newId } from '@pitrix/ids';
import { parseKeyRing, SecretBox } from '@pitrix/secrets';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterDriver } from './support/cluster-harness.js';
import { recordHistory } from './support/histories.js';
import { startE2eStack, type E2eStack } from './support/e2e-stack.js';
import type { WorkerHarness } from './support/worker-harness.js';

const flakyInit = join(__dirname, 'testdata', 'packages', 'flaky-init');

/** Instances of a cluster the local provider still runs (frontgates belong to no cluster). */
function liveInstancesOf(localRoot: string, clusterId: string): string[] {
  const dir = join(localRoot, 'instances');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((id) => {
    const record = JSON.parse(readFileSync(join(dir, id, 'instance.json'), 'utf8')) as { status: string; tags: Record<string, string> };
    return record.status !== 'terminated' && record.tags[INSTANCE_TAGS.cluster] === clusterId;
  });
}

describe('undoing a failed create', () => {
  let stack: E2eStack;
  let harness: WorkerHarness;
  let driver: ClusterDriver;

  beforeAll(async () => {
    stack = await startE2eStack('rollback_job', { monitorAgents: false });
    ({ harness, driver } = stack);
  });
  afterAll(() => stack?.close());

  it('an atomic create rolls itself back: nothing is left and the cluster is ceased', async () => {
    const job = await driver.createFrom(flakyInit, { cluster: { name: 'atomic' } }, { atomic: true });
    expect(await driver.outcome(job)).toMatch(/^failed: init\//);
    await recordHistory(harness.env.client, job.workflowId, job.runId, 'cluster-job.create.atomic-rolled-back');
    expect(await driver.reads.job(job.jobId)).toMatchObject({ status: 'failed', rollbackStatus: 'successful' });
    expect(await driver.reads.cluster(job.clusterId)).toMatchObject({ status: 'ceased', statusReason: 'RolledBack' });
    expect(await driver.reads.nodes(job.clusterId)).toEqual([]);
    expect(liveInstancesOf(harness.localRoot, job.clusterId)).toEqual([]);
  });

  it('rollbackJob undoes a failed create in a job of its own, in reverse order', async () => {
    const job = await driver.createFrom(flakyInit, { cluster: { name: 'manual' } });
    expect(await driver.outcome(job)).toMatch(/^failed:/);
    expect(liveInstancesOf(harness.localRoot, job.clusterId)).toHaveLength(2);
    const config = loadWorkerConfig(harness.workerProcessEnv());
    const specs = new JobSpecStore(harness.db.dataSource, new SecretBox(parseKeyRing(config.secrets.keys)));
    const rollback = await rollbackClusterJob(
      { temporal: harness.env.client, taskQueue: harness.taskQueue, specs, reads: driver.reads },
      job.jobId,
      newId('job'),
      { owner: 'usr-admin', ownerPath: 'usr-admin' },
    );
    expect(await driver.outcome(rollback)).toBe('successful');
    await recordHistory(harness.env.client, rollback.workflowId, rollback.runId, 'cluster-job.rollback.successful');
    expect(await driver.reads.cluster(job.clusterId)).toMatchObject({ status: 'ceased', lastJobId: rollback.jobId });
    expect(liveInstancesOf(harness.localRoot, job.clusterId)).toEqual([]);
    const tasks = await driver.reads.tasks(rollback.jobId);
    const order = tasks.map((t) => t.type);
    expect(order.indexOf('terminateInstance')).toBeLessThan(order.indexOf('removeNodes'));
  });
});
