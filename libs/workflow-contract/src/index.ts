export { CLUSTER_JOB_PROGRESS_QUERY, CLUSTER_JOB_WORKFLOW_TYPE, clusterWorkflowId } from './cluster-job.js';
export type { ClusterJobInput, ClusterJobProgress, ClusterJobResult } from './cluster-job.js';
export { SEARCH_ATTRIBUTE_REGISTRATIONS, SearchAttributes } from './search-attributes.js';
export { SKELETON_WORKFLOW_TYPE, skeletonSubject, skeletonWorkflowId } from './skeleton.js';
export type { SkeletonInput, SkeletonResult } from './skeleton.js';
