import type { ClusterState, Operation, Task } from '@pitrix/cluster-model';
import type { Blueprint } from '@pitrix/package';

/** The vertical size of a node: what a resize changes and a rollback restores. */
export interface NodeSize {
  readonly cpu: number;
  readonly memoryMiB: number;
}

/** Everything a plan is a function of; nothing else (no clock, no randomness) goes into it. */
export interface PlanInput {
  /** Seeds the ids of new nodes (`nodeIdFromSeed(`${jobId}/${role}/${index}`)`) and nothing else. */
  readonly jobId: string;
  readonly operation: Operation;
  /** The rendered blueprint to reach: for `upgrade` and `updateEnv` the new one, for `rollback` the failed job's. */
  readonly blueprint: Blueprint;
  /** The cluster before the job (for `create`: status `pending`, no nodes). */
  readonly state: ClusterState;
  /** `rollback` only: the failed job's tasks that succeeded, in completion order. */
  readonly completedTasks?: readonly Task[];
  /**
   * `rollback` only, needed when the failed job resized instances: each resized node's size
   * before that job (the read model already holds the new size once a resize succeeded, so the
   * old one must come from the state the failed job was planned with).
   */
  readonly previousSizes?: Readonly<Record<string, NodeSize>>;
}
