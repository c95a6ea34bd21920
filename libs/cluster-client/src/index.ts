export { jobPayloadFromPackage } from './job-payload.js';
export type { NewClusterSpec } from './job-payload.js';
export { retryClusterJob } from './retry-job.js';
export { rollbackClusterJob } from './rollback-job.js';
export type { JobRetrier, RetriedJob } from './retry-job.js';
export { submitClusterJob } from './submit-job.js';
export type { JobRequest, JobSubmitter, SubmittedJob } from './submit-job.js';
export { checkReadOnlyValues, renderChartPayload, REPLICAS_ANNOTATION, resourcesFor, RESOURCES_ANNOTATION, valueAt, withValue } from './chart-payload.js';
export type { ReleaseTarget } from './chart-payload.js';
