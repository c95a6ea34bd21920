export { clusterJobWorkflow, progressQuery } from './cluster-job.workflow.js';
export { skeletonWorkflow } from './skeleton.workflow.js';
export { indexRepoWorkflow } from './index-repo.workflow.js';
export { retireRuntimeWorkflow } from './retire-runtime.workflow.js';
