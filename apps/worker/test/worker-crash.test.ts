import { SkeletonRunEntity } from '@pitrix/db';
import { startProcess, type ManagedProcess } from '@pitrix/devstack';
import { skeletonWorkflowId, type SkeletonResult } from '@pitrix/workflow-contract';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerHarness, type WorkerHarness } from './support/worker-harness.js';

const workerMain = join(__dirname, '../dist/main.js');
const logDir = mkdtempSync(join(tmpdir(), 'pitrix-worker-crash-'));

function startWorkerProcess(harness: WorkerHarness, name: string): Promise<ManagedProcess> {
  return startProcess({ name, command: process.execPath, args: [workerMain], env: harness.workerProcessEnv(), logFile: join(logDir, `${name}.log`) });
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a worker killed in the middle of a workflow', () => {
  let harness: WorkerHarness;
  const workers: ManagedProcess[] = [];

  beforeAll(async () => {
    harness = await startWorkerHarness('crash');
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await harness.close();
  });

  it('lets the workflow finish once a new worker starts, writing the row exactly once', async () => {
    const workflowId = skeletonWorkflowId(randomUUID());
    const handle = await harness.env.client.workflow.start('skeletonWorkflow', {
      taskQueue: harness.taskQueue,
      workflowId,
      args: [{ message: 'survives a crash', workMs: 5_000 }],
    });
    const first = await startWorkerProcess(harness, 'worker-1');
    workers.push(first);
    await waitFor('the activity to start on the first worker', async () => {
      const { raw } = await handle.describe();
      return (raw.pendingActivities ?? []).some((activity) => activity.lastStartedTime);
    });
    await first.kill();
    expect(first.isAlive()).toBe(false);

    const second = await startWorkerProcess(harness, 'worker-2');
    workers.push(second);
    const result = (await handle.result()) as SkeletonResult;

    expect(result.runId).toBe(workflowId);
    expect(result.attempts).toBeGreaterThanOrEqual(2);
    const rows = await harness.db.dataSource.getRepository(SkeletonRunEntity).findBy({ runId: workflowId });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.attempt).toBe(result.attempts);
  });
});
