export { CLUSTER_JOB_PROGRESS_QUERY, CLUSTER_JOB_WORKFLOW_TYPE, clusterWorkflowId } from './cluster-job.js';
export type { ClusterJobInput, ClusterJobProgress, ClusterJobResult } from './cluster-job.js';
export { SEARCH_ATTRIBUTE_REGISTRATIONS, SearchAttributes } from './search-attributes.js';
export { SKELETON_WORKFLOW_TYPE, skeletonSubject, skeletonWorkflowId } from './skeleton.js';
export type { SkeletonInput, SkeletonResult } from './skeleton.js';
export { INDEX_REPO_WORKFLOW_TYPE, indexRepoScheduleId, indexRepoWorkflowId } from './catalog-index.js';
export type { IndexRepoCounts, IndexRepoInput, IndexRepoResult, IndexRepoTrigger } from './catalog-index.js';
export { RETIRE_RUNTIME_WORKFLOW_TYPE, retireRuntimeWorkflowId } from './runtime-retire.js';
export type { RetireRuntimeInput, RetireRuntimeResult } from './runtime-retire.js';
