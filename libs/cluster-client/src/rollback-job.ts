import type { ClusterJobPayload, JobTarget } from '@pitrix/cluster-model';
import type { ClusterReadModel } from '@pitrix/cluster-store';
import { PitrixError } from '@pitrix/errors';
import { submitClusterJob, type JobSubmitter, type SubmittedJob } from './submit-job.js';

/**
 * Starts a job that undoes what a failed or cancelled job completed, in reverse order (its own
 * job; which tasks completed comes from the failed job's events). The rollback carries the spec
 * the cluster ran before the failed job (`specJobId`): its closing metadata write puts that
 * version's blueprint, values and package files back on the nodes, and its target names the
 * version to switch back to. A failed create has no earlier spec and carries its own. Only the
 * last job of a failed cluster can be rolled back: a cancelled create rolls back to nothing
 * (ceased), like a failed one.
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
  // specJobId only moves when a job succeeds, so it still names the spec from before the failed job.
  const spec = await submitter.specs.load(cluster.specJobId ?? failedJobId);
  return submitClusterJob(submitter, {
    jobId: rollbackJobId,
    clusterId: job.clusterId,
    operation: { action: 'rollback', jobId: failedJobId },
    payload: spec.payload as unknown as ClusterJobPayload & { target: JobTarget },
    ...requestedBy,
  });
}
