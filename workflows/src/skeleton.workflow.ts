import type { Activities } from '@pitrix/activities';
import { SearchAttributes, type SkeletonInput, type SkeletonResult } from '@pitrix/workflow-contract';
import { proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';

const { recordSkeletonRun } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '3 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '5 seconds', maximumAttempts: 20 },
});

/**
 * The walking skeleton: one activity that writes a row to PostgreSQL and publishes on the NATS
 * hub. It proves the wiring API → Temporal → worker → PostgreSQL + NATS end to end.
 */
export async function skeletonWorkflow(input: SkeletonInput): Promise<SkeletonResult> {
  upsertSearchAttributes([
    { key: SearchAttributes.action, value: 'skeleton' },
    { key: SearchAttributes.jobStatus, value: 'running' },
  ]);
  const runId = workflowInfo().workflowId;
  const recorded = await recordSkeletonRun({ runId, message: input.message, workMs: input.workMs ?? 0 });
  upsertSearchAttributes([{ key: SearchAttributes.jobStatus, value: 'successful' }]);
  return { runId, subject: recorded.subject, attempts: recorded.attempt };
}
