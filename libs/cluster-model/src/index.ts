export { taskFailureFrom, taskNodeId } from './events.js';
export type { ClusterEvent, ClusterEventType, JobStatus, NewClusterEvent, StoredClusterEvent, TaskFailure, TaskStatus } from './events.js';
export type { ClusterJobPayload, JobTarget } from './job-payload.js';
export { nodeIdFromSeed } from './node-ids.js';
export { statusAfter, statusAfterRollback, TRANSITION_OF } from './lifecycle.js';
export { ACTIONS } from './operations.js';
export type { Action, Operation, RoleSize } from './operations.js';
export type { ClusterPlacement, ClusterState, ClusterStatus, NodeState, NodeStatus, TransitionStatus } from './state.js';
export type { CommandSpec, Plan, Task, TaskSpec, TaskType } from './tasks.js';
