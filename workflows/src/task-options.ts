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
 * bookkeeping steps are quick. Bad input never retries. Every task has a total bound (its
 * deadline, retries included): a task that cannot progress fails its job with its last error.
 */
export function taskActivityOptions(task: Task): ActivityOptions {
  const attempt = cappedAttempts(attemptOptions(task), task);
  const deadlineSeconds = task.deadlineSeconds ?? legacyDeadlineSeconds(task);
  const attemptSeconds = seconds(attempt.startToCloseTimeout as string);
  return {
    ...attempt,
    startToCloseTimeout: `${Math.min(attemptSeconds, deadlineSeconds)} seconds`,
    scheduleToCloseTimeout: `${deadlineSeconds} seconds`,
  };
}

function attemptOptions(task: Task): ActivityOptions {
  switch (task.spec.type) {
    case 'runCommand':
      return { startToCloseTimeout: `${task.spec.command.timeoutSeconds + 120} seconds`, heartbeatTimeout: '30 seconds', retry: retry(50) };
    case 'ensureFrontgate':
    case 'waitForDrones':
      return { startToCloseTimeout: '900 seconds', heartbeatTimeout: '30 seconds', retry: retry(20) };
    case 'registerNodes':
    case 'removeNodes':
    case 'setVersion':
    case 'checkResources':
      return { startToCloseTimeout: '60 seconds', retry: retry(20, '10 seconds') };
    default:
      return { startToCloseTimeout: '600 seconds', heartbeatTimeout: '30 seconds', retry: retry(20) };
  }
}

/**
 * A task allowed to fail (a stop hook on the way out, a forced delete's hooks) is tried a few
 * times, not for as long as its deadline allows: its failure does not stop the job anyway.
 */
function cappedAttempts(options: ActivityOptions, task: Task): ActivityOptions {
  if (task.failureAllowed !== true || !options.retry) return options;
  return { ...options, retry: { ...options.retry, maximumAttempts: Math.min(options.retry.maximumAttempts ?? 3, 3) } };
}

/** The bound of a task planned before deadlines were written on plans: what its retries allowed. */
function legacyDeadlineSeconds(task: Task): number {
  return task.spec.type === 'runCommand' ? task.spec.command.timeoutSeconds + 600 : 3600;
}

function seconds(duration: string): number {
  return Number(duration.split(' ')[0]);
}

/** Options of the job's own bookkeeping activities (start, plan, record, finish). */
export const JOB_ACTIVITY_OPTIONS: ActivityOptions = { startToCloseTimeout: '2 minutes', retry: retry(100, '10 seconds') };
