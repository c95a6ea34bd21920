import { builtAgentEntries } from '@pitrix/testing';
import { standInAgentEntry } from '@pitrix/testing/servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterDriver } from './support/cluster-harness.js';
import { recordHistory } from './support/histories.js';
import { startE2eStack, type E2eStack } from './support/e2e-stack.js';

const DEADLINE_SECONDS = 20;

describe('a task that cannot make progress', () => {
  let stack: E2eStack;
  let driver: ClusterDriver;

  beforeAll(async () => {
    // The frontgate is a stand-in that runs but never speaks to the hub: it never answers.
    stack = await startE2eStack('task_deadline', {
      monitorAgents: false,
      harness: { agentEntries: { drone: builtAgentEntries().drone, frontgate: standInAgentEntry() }, extraEnv: { PITRIX_TASK_DEADLINE_FRONTGATE: String(DEADLINE_SECONDS) } },
    });
    driver = stack.driver;
  });
  afterAll(() => stack?.close());

  it('fails its job within the configured deadline, with the task\'s last error', async () => {
    const startedAt = Date.now();
    const job = await driver.create('kv-store', { cluster: { name: 'stuck', replica: { count: 0 } }, env: { requirepass: 'stuck-pass-1' } });
    const outcome = await driver.outcome(job);
    const seconds = (Date.now() - startedAt) / 1000;
    await recordHistory(stack.harness.env.client, job.workflowId, job.runId, 'cluster-job.create.deadline-exceeded');
    expect(outcome).toMatch(/^failed: ensureFrontgate: /);
    // The deadline, plus the layers before it and the job's own bookkeeping; without a deadline
    // the task retried for 50 minutes.
    expect(seconds).toBeLessThan(DEADLINE_SECONDS * 3);
    const row = await driver.reads.job(job.jobId);
    expect(row).toMatchObject({ status: 'failed', failedTaskId: 'ensureFrontgate', failure: { code: 'AGENT.FRONTGATE_UNREACHABLE' } });
    expect(row.failure?.message).toMatch(/did not answer within \d+ s/);
    const tasks = await driver.reads.tasks(job.jobId);
    expect(tasks.find((task) => task.taskId === 'ensureFrontgate')?.status).toBe('failed');
    expect(await driver.reads.cluster(job.clusterId)).toMatchObject({ status: 'failed', statusReason: 'TaskFailed' });
  });
});
