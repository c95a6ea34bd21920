export { createClusterJobActivities } from './job.activities.js';
export type { ClusterJobDeps, JobTarget } from './job.activities.js';
export { frontgateIdFor } from './executors/node-tasks.js';
export { clusterMetadata, hostOf } from './metadata-builder.js';
export type { BlueprintView } from './metadata-builder.js';
export type { ClusterJobPayload, ClusterMetadataPatch, ClusterPilot, ClusterPlanner, HostMetadata, PilotCommand, PilotCommandResult, TemplateMetadata } from './ports.js';
export { createClusterTaskActivities } from './task.activities.js';
export type { ClusterTaskDeps } from './task-context.js';
