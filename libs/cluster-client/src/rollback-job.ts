import type { ClusterJobPayload, JobTarget } from '@pitrix/cluster-model';
import type { ClusterReadModel } from '@pitrix/cluster-store';
import { PitrixError } from '@pitrix/errors';
import { submitClusterJob, type JobSubmitter, type SubmittedJob } from './submit-job.js';

/**
 * Starts a job that undoes what a failed job completed, in reverse order (its own job, with the
 * failed job's spec so the inverse steps know the hooks). Only the last job of a failed cluster
 * can be rolled back.
 */
export async function rollbackClusterJob(
  submitter: JobSubmitter & { readonly reads: ClusterReadModel },
  failedJobId: string,
  rollbackJobId: string,
  requestedBy: { owner: string; ownerPath: string },
): Promise<SubmittedJob> {
  const job = await submitter.reads.job(failedJobId);
  const cluster = await submitter.reads.cluster(job.clusterId);
  if (job.status !== 'failed' || cluster.status !== 'failed' || cluster.lastJobId !== failedJobId) {
    throw new PitrixError('CLUSTER.INVALID_STATE', `Job ${failedJobId} is not the failed last job of cluster ${job.clusterId}; there is nothing to roll back`);
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
