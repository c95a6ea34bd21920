import type { Task } from '@pitrix/cluster-model';
import type { ActivityOptions } from '@temporalio/workflow';

const NON_RETRYABLE = ['INPUT.INVALID', 'AGENT.COMMAND_FAILED', 'AGENT.COMMAND_TIMED_OUT'];

const retry = (maximumAttempts: number, maximumInterval = '30 seconds') => ({
  initialInterval: '500 milliseconds',
  backoffCoefficient: 2,
  maximumInterval,
  maximumAttempts,
  nonRetryableErrorTypes: NON_RETRYABLE,
});

/**
 * Timeouts and retries per kind of task: a lifecycle command may run as long as its hook's
 * timeout (plus a margin for delivery); provider calls and waits get minutes and heartbeat;
 * bookkeeping steps are quick. Bad input never retries.
 */
export function taskActivityOptions(task: Task): ActivityOptions {
  switch (task.spec.type) {
    case 'runCommand':
      return { startToCloseTimeout: `${task.spec.command.timeoutSeconds + 120} seconds`, heartbeatTimeout: '30 seconds', retry: retry(50) };
    case 'ensureFrontgate':
    case 'waitForDrones':
      return { startToCloseTimeout: '15 minutes', heartbeatTimeout: '30 seconds', retry: retry(20) };
    case 'registerNodes':
    case 'removeNodes':
    case 'setVersion':
    case 'checkResources':
      return { startToCloseTimeout: '1 minute', retry: retry(20, '10 seconds') };
    default:
      return { startToCloseTimeout: '10 minutes', heartbeatTimeout: '30 seconds', retry: retry(20) };
  }
}

/** Options of the job's own bookkeeping activities (start, plan, record, finish). */
export const JOB_ACTIVITY_OPTIONS: ActivityOptions = { startToCloseTimeout: '2 minutes', retry: retry(100, '10 seconds') };
