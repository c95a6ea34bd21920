import type { ClusterJobPayload, JobTarget, Operation } from '@pitrix/cluster-model';
import type { JobSpecStore } from '@pitrix/cluster-store';
import { PitrixError } from '@pitrix/errors';
import { CLUSTER_JOB_WORKFLOW_TYPE, clusterWorkflowId, SearchAttributes, type ClusterJobInput } from '@pitrix/workflow-contract';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy, type Client } from '@temporalio/client';

/** A job to submit: which cluster, what to do, with what, for whom. */
export interface JobRequest {
  readonly jobId: string;
  readonly clusterId: string;
  readonly operation: Operation;
  readonly payload: ClusterJobPayload & { readonly target: JobTarget };
  readonly owner: string;
  readonly ownerPath: string;
}

/** A job Temporal accepted: from here on it reaches a terminal state whatever crashes. */
export interface SubmittedJob {
  readonly jobId: string;
  readonly clusterId: string;
  readonly workflowId: string;
  readonly runId: string;
}

/** Where jobs run. */
export interface JobSubmitter {
  readonly temporal: Client;
  readonly taskQueue: string;
  readonly specs: JobSpecStore;
}

/**
 * Saves the job's spec, then starts its workflow. The workflow start is the durable write that
 * accepts the job; the spec saved before it is harmless if the start is refused (it is removed).
 * A cluster already running a job refuses another with `CLUSTER.BUSY`: Temporal allows one open
 * workflow per id, and every job of a cluster has the cluster's workflow id.
 */
export async function submitClusterJob(submitter: JobSubmitter, request: JobRequest): Promise<SubmittedJob> {
  await submitter.specs.save(request.jobId, {
    clusterId: request.clusterId,
    operation: request.operation,
    owner: request.owner,
    ownerPath: request.ownerPath,
    payload: request.payload as unknown as Record<string, unknown>,
  });
  const workflowId = clusterWorkflowId(request.clusterId);
  const input: ClusterJobInput = {
    jobId: request.jobId,
    clusterId: request.clusterId,
    action: request.operation.action,
    atomic: atomicOf(request.operation),
  };
  try {
    const handle = await submitter.temporal.workflow.start(CLUSTER_JOB_WORKFLOW_TYPE, {
      taskQueue: submitter.taskQueue,
      workflowId,
      args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      typedSearchAttributes: [
        { key: SearchAttributes.jobId, value: request.jobId },
        { key: SearchAttributes.clusterId, value: request.clusterId },
        { key: SearchAttributes.appId, value: request.payload.target.appId },
        { key: SearchAttributes.runtimeId, value: request.payload.target.runtimeId },
        { key: SearchAttributes.action, value: request.operation.action },
        { key: SearchAttributes.jobStatus, value: 'running' },
        { key: SearchAttributes.owner, value: request.owner },
      ],
      memo: { jobId: request.jobId, clusterId: request.clusterId, action: request.operation.action, appVersionId: request.payload.target.versionId },
    });
    return { jobId: request.jobId, clusterId: request.clusterId, workflowId, runId: handle.firstExecutionRunId };
  } catch (err) {
    await submitter.specs.discard(request.jobId);
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      throw new PitrixError('CLUSTER.BUSY', `Cluster ${request.clusterId} is running another job; wait for it to finish`);
    }
    throw err;
  }
}

/** Whether a failure of the job rolls back what it completed, by itself: an atomic create or upgrade. */
function atomicOf(operation: Operation): boolean {
  if (operation.action === 'create') return operation.atomic;
  if (operation.action === 'upgrade') return operation.atomic === true;
  return false;
}
