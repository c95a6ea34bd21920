import type { ClusterJobPayload, JobTarget } from '@pitrix/cluster-model';
import type { ClusterReadModel } from '@pitrix/cluster-store';
import { PitrixError } from '@pitrix/errors';
import { submitClusterJob, type JobSubmitter, type SubmittedJob } from './submit-job.js';

/**
 * Starts a job that undoes what a failed or cancelled job completed, in reverse order (its own
 * job, with that job's spec so the inverse steps know the hooks). Only the last job of a failed
 * cluster can be rolled back: a cancelled create rolls back to nothing (ceased), like a failed one.
 */
export async function rollbackClusterJob(
  submitter: JobSubmitter & { readonly reads: ClusterReadModel },
  failedJobId: string,
  rollbackJobId: string,
  requestedBy: { owner: string; ownerPath: string },
): Promise<SubmittedJob> {
  const job = await submitter.reads.job(failedJobId);
  const cluster = await submitter.reads.cluster(job.clusterId);
  if (!(job.status === 'failed' || job.status === 'cancelled') || cluster.status !== 'failed' || cluster.lastJobId !== failedJobId) {
    throw new PitrixError('CLUSTER.INVALID_STATE', `Job ${failedJobId} is not the failed or cancelled last job of cluster ${job.clusterId}; there is nothing to roll back`);
  }
  const running = (await submitter.reads.tasks(failedJobId)).filter((task) => task.status === 'running');
  if (running.length > 0) {
    throw new PitrixError('CLUSTER.BUSY', `Job ${failedJobId} still has tasks running (${running.map((task) => task.taskId).join(', ')}); roll it back once they have ended`);
  }
  const spec = await submitter.specs.load(failedJobId);
  return submitClusterJob(submitter, {
    jobId: rollbackJobId,
    clusterId: job.clusterId,
    operation: { action: 'rollback', jobId: failedJobId },
    payload: spec.payload as unknown as ClusterJobPayload & { target: JobTarget },
    ...requestedBy,
  });
}
