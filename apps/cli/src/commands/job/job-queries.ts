/** GraphQL fields of a job with its layers and tasks. */
export const JOB_FIELDS =
  'id clusterId action status live phase currentLayer workflowId runId temporalUrl owner failedTaskId failure { code message exitCode stdoutTail stderrTail } rollbackStatus retries startedAt finishedAt ' +
  'layers { index tasks { id layer type title nodeId status attempts failure { code message exitCode stdoutTail stderrTail } } }';

/** Fields of a job a mutation accepted. */
export const ACCEPTED_FIELDS = 'jobId clusterId action workflowId runId temporalUrl placement { runtimeId reason } fromLayer';

/** Why a task failed. */
export interface FailureView {
  code: string;
  message: string;
  exitCode: number | null;
  stdoutTail: string | null;
  stderrTail: string | null;
}

/** A task as the commands print it. */
export interface TaskView {
  id: string;
  layer: number;
  type: string;
  title: string;
  nodeId: string | null;
  status: string;
  attempts: number;
  failure: FailureView | null;
}

/** A job as the commands print it. */
export interface JobView {
  id: string;
  clusterId: string;
  action: string;
  status: string;
  live: boolean;
  phase: string;
  currentLayer: number;
  workflowId: string;
  runId: string;
  temporalUrl: string;
  owner: string;
  failedTaskId: string | null;
  failure: FailureView | null;
  rollbackStatus: string | null;
  retries: number;
  startedAt: string | null;
  finishedAt: string | null;
  layers: Array<{ index: number; tasks: TaskView[] }>;
}

/** A job a mutation accepted. */
export interface AcceptedJobView {
  jobId: string;
  clusterId: string;
  action: string;
  workflowId: string;
  runId: string;
  temporalUrl: string;
  placement: { runtimeId: string; reason: string } | null;
  fromLayer: number | null;
}

/** The query of one job. */
export const JOB_QUERY = `query($id: ID!) { job(id: $id) { ${JOB_FIELDS} } }`;
