import { join } from 'node:path';
import { SkeletonRunEntity } from '@pitrix/db';
import { SearchAttributes, skeletonSubject, skeletonWorkflowId, type SkeletonResult } from '@pitrix/workflow-contract';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerHarness, type WorkerHarness } from './support/worker-harness.js';

describe('skeleton workflow on the real Temporal server', () => {
  let harness: WorkerHarness;

  beforeAll(async () => {
    harness = await startWorkerHarness('skeleton');
  });
  afterAll(() => harness.close());

  it('writes one row to PostgreSQL, publishes on the NATS hub and returns the subject', async () => {
    const workflowId = skeletonWorkflowId(randomUUID());
    const subscription = harness.nats.subscribe(skeletonSubject(workflowId), { max: 1 });
    const worker = await harness.createWorker();
    const result = await worker.runUntil(
      harness.env.client.workflow.execute('skeletonWorkflow', {
        taskQueue: harness.taskQueue,
        workflowId,
        args: [{ message: 'hello' }],
      }) as Promise<SkeletonResult>,
    );
    expect(result).toEqual({ runId: workflowId, subject: skeletonSubject(workflowId), attempts: 1 });
    for await (const message of subscription) {
      expect(message.json()).toEqual({ runId: workflowId, message: 'hello', attempt: 1 });
    }
    const rows = await harness.db.dataSource.getRepository(SkeletonRunEntity).findBy({ runId: workflowId });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ message: 'hello', attempt: 1 });

    const description = await harness.env.client.workflow.getHandle(workflowId).describe();
    expect(description.typedSearchAttributes.get(SearchAttributes.action)).toBe('skeleton');
    expect(description.typedSearchAttributes.get(SearchAttributes.jobStatus)).toBe('successful');

    if (process.env.PITRIX_RECORD_HISTORIES === '1') {
      const history = await harness.env.client.workflow.getHandle(workflowId).fetchHistory();
      writeFileSync(join(__dirname, './histories/skeleton.completed.json'), historyToJSON(history));
    }
  });
});
