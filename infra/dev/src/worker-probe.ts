import { describeTaskQueuePollers, type ProbeResult, type ReadinessProbe, type TaskQueueTarget } from '@pitrix/devstack';

/** The task types a Pitrix worker polls for: it runs both workflows and activities. */
const TASK_TYPES = ['workflow', 'activity'];

/**
 * Ready once Temporal lists the worker with pid `workerPid` among the pollers of its task queue
 * for workflow and activity tasks. Matching the pid (it is in the worker's identity) keeps the
 * pollers of a worker that crashed a moment ago, which Temporal still lists, from counting.
 */
export function workerPollingProbe(target: TaskQueueTarget, workerPid: number): ReadinessProbe {
  return {
    what: `the worker (pid ${workerPid}) polling task queue ${target.taskQueue} at ${target.address}`,
    check: () => checkPolling(target, workerPid),
  };
}

async function checkPolling(target: TaskQueueTarget, workerPid: number): Promise<ProbeResult> {
  let pollers;
  try {
    pollers = await describeTaskQueuePollers(target);
  } catch (err) {
    return { ready: false, reason: (err as Error).message };
  }
  const pid = new RegExp(`(^|\\D)${workerPid}(\\D|$)`);
  const polled = new Set(pollers.filter((p) => pid.test(p.identity)).map((p) => p.taskQueueType));
  const missing = TASK_TYPES.filter((type) => !polled.has(type));
  if (missing.length === 0) return { ready: true };
  const others = pollers.filter((p) => !pid.test(p.identity)).length;
  return { ready: false, reason: `not polling for ${missing.join(' and ')} tasks yet${others > 0 ? ` (Temporal lists ${others} poller(s) of other processes)` : ''}` };
}
