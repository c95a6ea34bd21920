export { layersOf } from './dag.js';
export { planJob } from './plan-job.js';
export type { NodeSize, PlanInput } from './input.js';
export { allowedStatuses } from './status-rules.js';
export type { ReleasePlanInput } from './releases/plan-release-job.js';
