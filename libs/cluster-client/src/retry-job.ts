import { TRANSITION_OF } from '@pitrix/cluster-model';
import type { ClusterEventStore, ClusterReadModel } from '@pitrix/cluster-store';
import { PitrixError } from '@pitrix/errors';
import type { Client } from '@temporalio/client';
import Long from 'long';
import { randomUUID } from 'node:crypto';

/** What retrying a job needs. */
export interface JobRetrier {
  readonly temporal: Client;
  readonly reads: ClusterReadModel;
  readonly events: ClusterEventStore;
}

/** A retried job: the layer it resumes from and the workflow run that does it. */
export interface RetriedJob {
  readonly jobId: string;
  readonly fromLayer: number;
  readonly runId: string;
}

/**
 * Resumes a failed job from its failed layer. It resets the job's workflow to the workflow task
 * that scheduled the failed layer: the new run replays every earlier layer from history (nothing
 * in them runs again) and runs the failed layer anew, with fresh command ids. A reset to that
 * event done by hand in the Temporal UI has the same effect.
 */
export async function retryClusterJob(retrier: JobRetrier, jobId: string, requestedBy: string): Promise<RetriedJob> {
  const job = await retrier.reads.job(jobId);
  const cluster = await retrier.reads.cluster(job.clusterId);
  if (job.status !== 'failed') throw new PitrixError('CLUSTER.INVALID_STATE', `Job ${jobId} is ${job.status}; only a failed job can be retried`);
  if (cluster.lastJobId !== jobId) throw new PitrixError('CLUSTER.INVALID_STATE', `Job ${jobId} is not the last job of cluster ${job.clusterId}; retry ${cluster.lastJobId} instead`);
  if (job.rollbackStatus) throw new PitrixError('CLUSTER.INVALID_STATE', `Job ${jobId} was rolled back; start a new job instead`);
  const tasks = await retrier.reads.tasks(jobId);
  const failed = tasks.filter((task) => task.status === 'failed' && !task.allowedFailure && !task.rollback);
  if (failed.length === 0) throw new PitrixError('CLUSTER.INVALID_STATE', `Job ${jobId} has no failed task to retry`);
  const fromLayer = Math.min(...failed.map((task) => task.layer));
  const layerTasks = new Set(tasks.filter((task) => task.layer === fromLayer).map((task) => `task/${task.taskId}`));
  const eventId = await resetPoint(retrier.temporal, job.workflowId, job.runId, layerTasks);
  const response = await retrier.temporal.workflowService.resetWorkflowExecution({
    namespace: retrier.temporal.options.namespace,
    workflowExecution: { workflowId: job.workflowId, runId: job.runId },
    reason: `retry of job ${jobId} from layer ${fromLayer}, requested by ${requestedBy}`,
    workflowTaskFinishEventId: Long.fromNumber(eventId),
    requestId: randomUUID(),
  });
  const runId = response.runId ?? '';
  await retrier.events.append([
    { clusterId: job.clusterId, key: `job/${jobId}/${runId}/retried`, event: { type: 'JobRetried', jobId, fromLayer, runId, requestedBy } },
    {
      clusterId: job.clusterId,
      key: `job/${jobId}/${runId}/status/retried`,
      event: { type: 'ClusterStatusChanged', status: job.previousStatus === 'pending' ? 'pending' : cluster.status, transitionStatus: TRANSITION_OF[job.action as keyof typeof TRANSITION_OF], reason: 'JobRetried', message: `retrying ${jobId} from layer ${fromLayer}` },
    },
  ]);
  return { jobId, fromLayer, runId };
}

/** The id of the workflow task that scheduled the first task of the layer (where to reset to). */
async function resetPoint(temporal: Client, workflowId: string, runId: string, activityIds: Set<string>): Promise<number> {
  const history = await temporal.workflow.getHandle(workflowId, runId).fetchHistory();
  for (const event of history.events ?? []) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled?.activityId && activityIds.has(scheduled.activityId)) return Number(scheduled.workflowTaskCompletedEventId);
  }
  throw new PitrixError('CLUSTER.INVALID_STATE', `the history of ${workflowId} has no scheduled task of the failed layer`);
}
