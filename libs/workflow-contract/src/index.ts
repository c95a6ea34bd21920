export { SEARCH_ATTRIBUTE_REGISTRATIONS, SearchAttributes } from './search-attributes.js';
export { SKELETON_WORKFLOW_TYPE, skeletonSubject, skeletonWorkflowId } from './skeleton.js';
export type { SkeletonInput, SkeletonResult } from './skeleton.js';
