export { clusterJobWorkflow, progressQuery } from './cluster-job.workflow.js';
export { skeletonWorkflow } from './skeleton.workflow.js';
