import type { Action, JobStatus, Plan, TaskFailure, TaskStatus } from '@pitrix/cluster-model';

/** Workflow type name of a cluster job. */
export const CLUSTER_JOB_WORKFLOW_TYPE = 'clusterJobWorkflow';

/** Query name that returns a job's live progress (`ClusterJobProgress`). */
export const CLUSTER_JOB_PROGRESS_QUERY = 'progress';

/**
 * The workflow id of every job of a cluster. Jobs of one cluster share it and start with the
 * conflict policy FAIL, so Temporal itself guarantees one operation per cluster at a time.
 */
export function clusterWorkflowId(clusterId: string): string {
  return `cluster/${clusterId}`;
}

/** Input of a cluster job. The operation and blueprint live in the job spec, by job id. */
export interface ClusterJobInput {
  readonly jobId: string;
  readonly clusterId: string;
  readonly action: Action;
  /** A create that fails rolls itself back. */
  readonly atomic: boolean;
  /** Set when the job continued as new: where it was. */
  readonly resume?: { readonly plan: Plan; readonly nextLayer: number };
}

/** What a finished job reports. */
export interface ClusterJobResult {
  readonly jobId: string;
  readonly status: JobStatus;
  readonly failedTaskId: string | null;
  readonly failure: TaskFailure | null;
  readonly rolledBack: boolean;
}

/** Live progress of a job, answered by the workflow's query. */
export interface ClusterJobProgress {
  readonly jobId: string;
  readonly phase: 'starting' | 'planning' | 'running' | 'rolling-back' | 'finishing' | 'done';
  readonly layers: readonly (readonly string[])[];
  readonly currentLayer: number;
  readonly tasks: Readonly<Record<string, TaskStatus>>;
  readonly titles: Readonly<Record<string, string>>;
}
