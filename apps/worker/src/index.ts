export { buildActivityDeps } from './activity-deps.js';
export type { ActivityConfig } from './activity-deps.js';
export { createPitrixWorker } from './worker.js';
export type { PitrixWorkerOptions } from './worker.js';
export { bundleWorkflows, loadPrebuiltBundle } from './workflow-bundle.js';
export type { WorkflowSource } from './workflow-bundle.js';
export { startResurrector } from './healing/resurrector.js';
export type { Resurrector, ResurrectorDeps } from './healing/resurrector.js';
