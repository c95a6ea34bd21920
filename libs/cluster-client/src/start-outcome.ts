import { isGrpcServiceError, NamespaceNotFoundError, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';

/** What is known of a workflow start that threw: `started` (with the run it began), `refused`, or `unknown`. */
export type StartOutcome = { readonly kind: 'started'; readonly runId: string } | { readonly kind: 'refused' } | { readonly kind: 'unknown' };

/** gRPC status codes (from @grpc/grpc-js) with which the server refuses a request before acting on it. */
const REFUSING_STATUS = new Set([
  3, // INVALID_ARGUMENT
  5, // NOT_FOUND
  6, // ALREADY_EXISTS
  7, // PERMISSION_DENIED
  9, // FAILED_PRECONDITION
  12, // UNIMPLEMENTED
  16, // UNAUTHENTICATED
]);

/**
 * Whether a start error is a definite refusal: the server answered that it did not start the
 * workflow. Anything else (a deadline, the server unavailable, a cancelled call, an unknown error)
 * leaves open whether the workflow started.
 */
export function isDefiniteRefusal(err: unknown): boolean {
  if (err instanceof WorkflowExecutionAlreadyStartedError || err instanceof NamespaceNotFoundError) return true;
  const status = grpcStatusOf(err);
  return status !== undefined && REFUSING_STATUS.has(status);
}

/** How `startOutcome` looks the workflow up: attempts and the pause between them. */
export interface OutcomeCheck {
  readonly attempts: number;
  readonly pauseMs: number;
}

/** A few quick looks (about a second in all): long enough for a start in flight to land. */
export const DEFAULT_OUTCOME_CHECK: OutcomeCheck = { attempts: 4, pauseMs: 300 };

/**
 * Settles a start whose outcome the error left open by describing the workflow by its id: its
 * latest run carrying `jobId` in its memo means the start happened. It answers `refused` only
 * when every attempt got a definite answer (no such workflow, or a run of another job), since a
 * start still in flight could land between two looks; `unknown` when the last look failed.
 */
export async function startOutcome(temporal: Client, workflowId: string, jobId: string, check: OutcomeCheck = DEFAULT_OUTCOME_CHECK): Promise<StartOutcome> {
  let answered = 0;
  for (let attempt = 0; attempt < check.attempts; attempt++) {
    if (attempt > 0) await sleep(check.pauseMs);
    const seen = await lookUp(temporal, workflowId, jobId);
    if (seen.kind === 'started') return seen;
    answered = seen.kind === 'refused' ? answered + 1 : 0;
  }
  return answered === check.attempts ? { kind: 'refused' } : { kind: 'unknown' };
}

/** One look: `started`, `refused` (not there, or another job's run) or `unknown` (the look failed). */
async function lookUp(temporal: Client, workflowId: string, jobId: string): Promise<StartOutcome> {
  try {
    const description = await temporal.workflow.getHandle(workflowId).describe();
    if (description.memo?.jobId !== jobId) return { kind: 'refused' };
    const firstRunId = description.raw.workflowExecutionInfo?.firstRunId;
    return { kind: 'started', runId: firstRunId || description.runId };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return { kind: 'refused' };
    return { kind: 'unknown' };
  }
}

/** The gRPC status of an error or of its cause (the client wraps them in a ServiceError). */
function grpcStatusOf(err: unknown): number | undefined {
  for (let current: unknown = err, depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    if (isGrpcServiceError(current)) return current.code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
