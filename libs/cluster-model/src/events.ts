import type { ClusterStatus, NodeState, TransitionStatus } from './state.js';
import type { Action } from './operations.js';
import type { Plan, Task } from './tasks.js';

/** Final state of a job. */
export type JobStatus = 'pending' | 'running' | 'successful' | 'failed' | 'cancelled';

/** Final state of a task. */
export type TaskStatus = 'pending' | 'running' | 'successful' | 'failed' | 'skipped';

/** Why a task failed, as operators see it: a code, a message, and for commands the exit code and output. */
export interface TaskFailure {
  readonly code: string;
  readonly message: string;
  readonly exitCode?: number;
  readonly stdoutTail?: string;
  readonly stderrTail?: string;
}

/** A task failure from an error's code, message and facts: a command's exit code and output tails, when it has them. */
export function taskFailureFrom(code: string, message: string, facts: Readonly<Record<string, unknown>>): TaskFailure {
  const { exitCode, stdoutTail, stderrTail } = facts as { exitCode?: number; stdoutTail?: string; stderrTail?: string };
  return {
    code,
    message,
    ...(exitCode !== undefined ? { exitCode } : {}),
    ...(stdoutTail !== undefined ? { stdoutTail } : {}),
    ...(stderrTail !== undefined ? { stderrTail } : {}),
  };
}

/**
 * What happened to a cluster, append-only. Each event carries a unique key derived from what
 * caused it (job, task, step), so an activity that Temporal retries appends nothing twice; the
 * read models are projections of these events and can be rebuilt from them.
 */
export type ClusterEvent =
  | { readonly type: 'ClusterCreated'; readonly name: string; readonly description: string; readonly appId: string; readonly versionId: string; readonly runtimeId: string; readonly owner: string; readonly ownerPath: string }
  | { readonly type: 'ClusterStatusChanged'; readonly status: ClusterStatus; readonly transitionStatus: TransitionStatus; readonly reason: string; readonly message: string }
  | { readonly type: 'ClusterPlaced'; readonly networkId: string; readonly frontgateId: string; readonly frontgateHost: string }
  | { readonly type: 'ClusterVersionChanged'; readonly versionId: string }
  /** Whether the resurrector heals the cluster's nodes, and how long a node may be down first. */
  | { readonly type: 'ClusterHealingSet'; readonly enabled: boolean; readonly graceSeconds: number; readonly setBy: string }
  /** The clusters this one links to (alias → cluster id), as the blueprint of the job that set them renders them; replaces the previous set. */
  | { readonly type: 'ClusterLinksSet'; readonly links: Readonly<Record<string, string>> }
  /** The cluster's metadata reached this revision in its frontgate's KV; commands wait for it. */
  | { readonly type: 'ClusterMetadataWritten'; readonly revision: number }
  | { readonly type: 'ClusterEndpointsChanged'; readonly endpoints: Readonly<Record<string, { readonly host: string; readonly port: number; readonly protocol: string }>> }
  | { readonly type: 'JobStarted'; readonly jobId: string; readonly action: Action; readonly workflowId: string; readonly runId: string; readonly owner: string; readonly previousStatus: ClusterStatus }
  /** The whole plan is kept: a rollback plans the inverse of the tasks that completed. */
  | { readonly type: 'JobPlanned'; readonly jobId: string; readonly plan: Plan }
  | { readonly type: 'JobCompleted'; readonly jobId: string; readonly status: JobStatus; readonly failedTaskId: string | null; readonly failure: TaskFailure | null }
  | { readonly type: 'JobRollbackPlanned'; readonly jobId: string; readonly plan: Plan }
  | { readonly type: 'JobRollbackCompleted'; readonly jobId: string; readonly status: JobStatus; readonly failure: TaskFailure | null }
  | { readonly type: 'JobRetried'; readonly jobId: string; readonly fromLayer: number; readonly runId: string; readonly requestedBy: string }
  | { readonly type: 'TaskStarted'; readonly jobId: string; readonly taskId: string; readonly attempt: number }
  | { readonly type: 'TaskSucceeded'; readonly jobId: string; readonly taskId: string }
  | { readonly type: 'TaskFailed'; readonly jobId: string; readonly taskId: string; readonly failure: TaskFailure; readonly allowed: boolean }
  | { readonly type: 'NodeAdded'; readonly node: NodeState }
  | { readonly type: 'NodeChanged'; readonly nodeId: string; readonly changes: Partial<Omit<NodeState, 'nodeId'>> }
  | { readonly type: 'NodeRemoved'; readonly nodeId: string }
  /**
   * A node's health as observed outside a drone: a chart cluster's pod readiness, from the pod's
   * Ready condition (drone-reported health goes to the agent monitor's table directly).
   */
  | { readonly type: 'NodeHealthChanged'; readonly nodeId: string; readonly health: 'healthy' | 'unhealthy' | 'unknown'; readonly reason: string; readonly message: string; readonly observedAt: string }
  /** A node's monitor item met an alarm rule's condition `consecutive` samples in a row (the alarm evaluator). */
  | { readonly type: 'ClusterAlarmRaised'; readonly alarmId: string; readonly nodeId: string; readonly item: string; readonly value: number; readonly threshold: number; readonly condition: AlarmCondition }
  /** The node's item no longer meets the raised alarm's condition (or the rule or the node went away). */
  | { readonly type: 'ClusterAlarmCleared'; readonly alarmId: string; readonly nodeId: string; readonly item: string; readonly value: number | null; readonly threshold: number; readonly condition: AlarmCondition };

/** How an alarm rule compares a monitor value with its threshold. */
export type AlarmCondition = 'GT' | 'GTE' | 'LT' | 'LTE';

/** The type of a cluster event. */
export type ClusterEventType = ClusterEvent['type'];

/** An event to append: which cluster, its idempotency key, and the event. */
export interface NewClusterEvent {
  readonly clusterId: string;
  /** Unique across all events; the same cause always produces the same key. */
  readonly key: string;
  readonly event: ClusterEvent;
}

/** An event as stored: with its global sequence number and time. */
export interface StoredClusterEvent extends NewClusterEvent {
  readonly sequence: number;
  readonly recordedAt: string;
}

/** The node a task acts on, when it acts on one node (for progress views and the tasks read model). */
export function taskNodeId(task: Task): string | null {
  const spec = task.spec as { nodeId?: string; command?: { nodeId: string } };
  return spec.nodeId ?? spec.command?.nodeId ?? null;
}
