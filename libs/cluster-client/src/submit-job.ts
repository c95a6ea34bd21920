import type { ClusterJobPayload, JobTarget, Operation } from '@pitrix/cluster-model';
import type { JobSpecStore } from '@pitrix/cluster-store';
import { PitrixError } from '@pitrix/errors';
import { CLUSTER_JOB_WORKFLOW_TYPE, clusterWorkflowId, SearchAttributes, type ClusterJobInput } from '@pitrix/workflow-contract';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy, type Client, type WorkflowStartOptions } from '@temporalio/client';
import { isDefiniteRefusal, startOutcome, type OutcomeCheck } from './start-outcome.js';

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

/** Starts a job's workflow and resolves with the run it began (the Temporal client's `workflow.start`). */
export type StartJobWorkflow = (temporal: Client, options: WorkflowStartOptions) => Promise<{ readonly firstExecutionRunId: string }>;

/** Where jobs run. */
export interface JobSubmitter {
  readonly temporal: Client;
  readonly taskQueue: string;
  readonly specs: JobSpecStore;
  /** How the workflow is started; `temporal.workflow.start` unless given (tests put a failing start here). */
  readonly startWorkflow?: StartJobWorkflow;
  /** How a start whose outcome is unknown is checked (attempts and pause); a second or so unless given. */
  readonly outcomeCheck?: OutcomeCheck;
}

const startWithClient: StartJobWorkflow = (temporal, options) => temporal.workflow.start(CLUSTER_JOB_WORKFLOW_TYPE, options);

/**
 * Saves the job's spec, then starts its workflow. The workflow start is the durable write that
 * accepts the job; the spec saved before it is removed only when the start definitely did not
 * happen. A cluster already running a job refuses another with `CLUSTER.BUSY`: Temporal allows
 * one open workflow per id, and every job of a cluster has the cluster's workflow id. A start
 * that fails without saying whether it happened (a timeout, the server unreachable) is settled by
 * describing the workflow: started is success, not started removes the spec and rethrows, and
 * still unknown keeps the spec (a started workflow needs it) and throws `CLUSTER.JOB_START_UNKNOWN`.
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
  const options = startOptions(submitter.taskQueue, workflowId, input, request);
  try {
    const handle = await (submitter.startWorkflow ?? startWithClient)(submitter.temporal, options);
    return { jobId: request.jobId, clusterId: request.clusterId, workflowId, runId: handle.firstExecutionRunId };
  } catch (err) {
    const runId = await settleFailedStart(submitter, request, workflowId, err);
    return { jobId: request.jobId, clusterId: request.clusterId, workflowId, runId };
  }
}

/** Settles a start that threw: the run it began if it did start; otherwise throws (removing the spec only when nothing started). */
async function settleFailedStart(submitter: JobSubmitter, request: JobRequest, workflowId: string, err: unknown): Promise<string> {
  const outcome = isDefiniteRefusal(err) ? ({ kind: 'refused' } as const) : await startOutcome(submitter.temporal, workflowId, request.jobId, submitter.outcomeCheck);
  if (outcome.kind === 'started') return outcome.runId;
  if (outcome.kind === 'unknown') {
    throw new PitrixError(
      'CLUSTER.JOB_START_UNKNOWN',
      `Starting job ${request.jobId} of cluster ${request.clusterId} failed and it is unknown whether its workflow ${workflowId} started (${errorText(err)}); its spec is kept: look the job up by id ${request.jobId} before submitting it again`,
    );
  }
  await submitter.specs.discard(request.jobId);
  if (err instanceof WorkflowExecutionAlreadyStartedError) {
    throw new PitrixError('CLUSTER.BUSY', `Cluster ${request.clusterId} is running another job; wait for it to finish`);
  }
  throw err;
}

/** The start of a job's workflow: one open run per cluster, searchable by job, cluster, app and owner. */
function startOptions(taskQueue: string, workflowId: string, input: ClusterJobInput, request: JobRequest): WorkflowStartOptions {
  return {
    taskQueue,
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
  };
}

/** The message of what a start threw, for the error that reports it. */
function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Whether a failure of the job rolls back what it completed, by itself: an atomic create or upgrade. */
function atomicOf(operation: Operation): boolean {
  if (operation.action === 'create') return operation.atomic;
  if (operation.action === 'upgrade') return operation.atomic === true;
  return false;
}
