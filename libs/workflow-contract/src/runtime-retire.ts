/** Workflow type name of the retirement of a runtime that is being deleted. */
export const RETIRE_RUNTIME_WORKFLOW_TYPE = 'retireRuntimeWorkflow';

/** Input of `retireRuntimeWorkflow`. */
export interface RetireRuntimeInput {
  readonly runtimeId: string;
}

/** What `retireRuntimeWorkflow` did: the frontgates it retired and the instances it terminated. */
export interface RetireRuntimeResult {
  readonly frontgateIds: readonly string[];
  readonly terminatedInstanceIds: readonly string[];
}

/** Workflow id of a runtime's retirement: one per runtime, so two deletes share one run. */
export function retireRuntimeWorkflowId(runtimeId: string): string {
  return `runtime-retire-${runtimeId}`;
}
