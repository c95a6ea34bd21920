export { CLUSTER_EVENTS_CHANNEL, ClusterEventStore, PROJECTION_TABLES } from './event-store.js';
export { JobSpecStore } from './job-spec-store.js';
export type { JobSpec } from './job-spec-store.js';
export { ClusterReadModel } from './read-model.js';
export type { ClusterRow, EndpointRow, JobRow, RoleRow, TaskRow } from './read-model.js';
export { projectionSnapshot } from './projection-snapshot.js';
export { clusterSchema } from './schema.js';
