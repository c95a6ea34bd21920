import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';

/** What a replay found. */
export interface ReplayOutcome {
  readonly deterministic: boolean;
  /** The error name and message when the replay failed. */
  readonly error?: string;
}

const quiet = { trace: () => undefined, debug: () => undefined, info: () => undefined, log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Replays a workflow history against the workflows package this CLI was built with. A
 * `DeterminismViolationError` (or any other replay failure) is reported, not thrown.
 */
export async function replayHistory(history: unknown, workflowId: string): Promise<ReplayOutcome> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('@pitrix/workflows'), logger: quiet });
  try {
    await Worker.runReplayHistory({ workflowBundle }, history, workflowId);
    return { deterministic: true };
  } catch (err) {
    const error = err as Error;
    return { deterministic: false, error: `${error.name}: ${error.message}` };
  }
}
