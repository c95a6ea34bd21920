export { skeletonWorkflow } from './skeleton.workflow.js';
