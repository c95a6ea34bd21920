/**
 * Event keys of a job. Task outcomes include the workflow run id: a retry done by resetting the
 * workflow is a new run, whose tasks must record their outcomes again; a retried activity within
 * one run must not.
 */
export const eventKeys = {
  clusterCreated: (clusterId: string) => `cluster/${clusterId}/created`,
  /** Healing settings chosen by a request (`cause`: the create job, or the API call). */
  healingSet: (clusterId: string, cause: string) => `cluster/${clusterId}/healing/${cause}`,
  /** The links a job's blueprint sets (one event per job that may change them). */
  linksSet: (clusterId: string, jobId: string) => `cluster/${clusterId}/links/${jobId}`,
  jobStarted: (jobId: string) => `job/${jobId}/started`,
  jobStatus: (jobId: string, runId: string, phase: string) => `job/${jobId}/${runId}/status/${phase}`,
  jobPlanned: (jobId: string) => `job/${jobId}/planned`,
  jobCompleted: (jobId: string, runId: string) => `job/${jobId}/${runId}/completed`,
  rollbackPlanned: (jobId: string, runId: string) => `job/${jobId}/${runId}/rollback-planned`,
  rollbackCompleted: (jobId: string, runId: string) => `job/${jobId}/${runId}/rollback-completed`,
  taskStarted: (jobId: string, runId: string, taskId: string, attempt: number) => `task/${jobId}/${runId}/${taskId}/started/${attempt}`,
  taskSucceeded: (jobId: string, runId: string, taskId: string) => `task/${jobId}/${runId}/${taskId}/succeeded`,
  taskFailed: (jobId: string, runId: string, taskId: string) => `task/${jobId}/${runId}/${taskId}/failed`,
  taskStep: (jobId: string, runId: string, taskId: string, step: string) => `task/${jobId}/${runId}/${taskId}/${step}`,
};
