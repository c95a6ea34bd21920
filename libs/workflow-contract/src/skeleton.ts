/** Workflow type name of the walking skeleton. */
export const SKELETON_WORKFLOW_TYPE = 'skeletonWorkflow';

/** Input of the walking-skeleton workflow. */
export interface SkeletonInput {
  /** Text written to PostgreSQL and published on the hub. */
  readonly message: string;
  /** How long the activity works before writing, to let tests kill a worker mid-activity. */
  readonly workMs?: number;
}

/** What the walking-skeleton workflow returns. */
export interface SkeletonResult {
  readonly runId: string;
  readonly subject: string;
  readonly attempts: number;
}

/** Workflow id of a skeleton run. */
export function skeletonWorkflowId(runId: string): string {
  return `skeleton-${runId}`;
}

/** NATS subject the skeleton publishes its run on. */
export function skeletonSubject(runId: string): string {
  return `pitrix.system.skeleton.${runId}`;
}
