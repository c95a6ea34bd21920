import type { Activities } from '@pitrix/activities';
import { taskFailureFrom, type Plan, type Task, type TaskFailure, type TaskStatus } from '@pitrix/cluster-model';
import { ActivityCancellationType, ActivityFailure, ApplicationFailure, CancellationScope, CancelledFailure, isCancellation, patched, proxyActivities, TimeoutFailure } from '@temporalio/workflow';
import { JOB_ACTIVITY_OPTIONS, taskActivityOptions } from './task-options.js';

const jobActivities = proxyActivities<Activities>(JOB_ACTIVITY_OPTIONS);

/** Where a plan's execution stopped: the first task that failed for good, or null when all passed. */
export interface LayersOutcome {
  readonly failedTaskId: string | null;
  readonly failure: TaskFailure | null;
  /** Index of the first layer not completed (`layers.length` when all completed). */
  readonly stoppedAtLayer: number;
}

/** Callbacks that keep the workflow's progress query current. */
export interface ProgressSink {
  layerStarted(index: number): void;
  taskChanged(taskId: string, status: TaskStatus): void;
}

/**
 * Marks runs in which a cancelled job ends only once its tasks in flight have ended: what such a
 * task creates (an instance, a volume) must not appear after the cleanup that follows the job.
 * Histories recorded before it replay the old way.
 */
const TASKS_END_BEFORE_CANCEL = 'tasks-end-before-a-cancelled-job';

/**
 * Marks runs in which an interrupted wait, too, has ended before its cancelled job ends: a wait
 * still starting when the job was cancelled records itself as running, then failed, and a
 * rollback that follows at once must not find it running. Histories recorded before it replay
 * the old way (the job ended as soon as it asked the wait to stop).
 */
const WAITS_END_BEFORE_CANCEL = 'waits-end-before-a-cancelled-job';

/** Tasks that only wait for something: a cancelled job interrupts them rather than waiting for them. */
const INTERRUPTIBLE: ReadonlySet<Task['spec']['type']> = new Set(['ensureFrontgate', 'waitForDrones', 'waitHealthy']);

/**
 * Runs the layers from `fromLayer` in order, the tasks of a layer in parallel, one activity each.
 * A task allowed to fail is recorded and does not stop the job; any other failure stops after
 * its layer has settled. `beforeLayer` lets the workflow continue as new between layers. When the
 * job is cancelled, waits are interrupted, the other tasks of the layer run to their end and are
 * recorded, then the cancellation ends the job.
 */
export async function runLayers(
  jobId: string,
  plan: Plan,
  fromLayer: number,
  progress: ProgressSink,
  beforeLayer: (index: number) => Promise<void>,
): Promise<LayersOutcome> {
  const byId = new Map(plan.tasks.map((task) => [task.id, task]));
  for (let index = fromLayer; index < plan.layers.length; index++) {
    await beforeLayer(index);
    progress.layerStarted(index);
    const tasks = (plan.layers[index] ?? []).map((id) => byId.get(id) as Task);
    const results = patched(TASKS_END_BEFORE_CANCEL) ? await settleLayer(jobId, tasks, progress) : await Promise.all(tasks.map((task) => runTask(jobId, task, progress)));
    const failed = results.find((result) => result !== null);
    if (failed) return { failedTaskId: failed.taskId, failure: failed.failure, stoppedAtLayer: index };
  }
  return { failedTaskId: null, failure: null, stoppedAtLayer: plan.layers.length };
}

/** Runs a layer to its end whatever happens to the job; throws the job's cancellation, if any, after. */
async function settleLayer(jobId: string, tasks: readonly Task[], progress: ProgressSink): Promise<Array<{ taskId: string; failure: TaskFailure } | null>> {
  const settled = await Promise.allSettled(tasks.map((task) => runTaskToItsEnd(jobId, task, progress)));
  const rejected = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (rejected) throw rejected.reason;
  if (CancellationScope.current().consideredCancelled) throw new CancelledFailure('the job was cancelled');
  return settled.map((result) => (result as PromiseFulfilledResult<{ taskId: string; failure: TaskFailure } | null>).value);
}

/**
 * One task, not cancelled with its job unless it only waits; its failure is recorded even then.
 * An interrupted wait ends with the job's cancellation (the activity records it).
 */
async function runTaskToItsEnd(jobId: string, task: Task, progress: ProgressSink): Promise<{ taskId: string; failure: TaskFailure } | null> {
  const interruptible = INTERRUPTIBLE.has(task.spec.type);
  const waitForInterruption = interruptible && patched(WAITS_END_BEFORE_CANCEL);
  const activities = proxyActivities<Activities>({
    ...taskActivityOptions(task),
    activityId: `task/${task.id}`,
    ...(waitForInterruption ? { cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED } : {}),
  });
  progress.taskChanged(task.id, 'running');
  const run = () => activities.runClusterTask({ jobId, task });
  try {
    await (interruptible ? run() : CancellationScope.nonCancellable(run));
    progress.taskChanged(task.id, 'successful');
    return null;
  } catch (err) {
    if (isCancellation(err)) {
      progress.taskChanged(task.id, 'failed');
      throw err;
    }
    const failure = toTaskFailure(err, task);
    const allowed = task.failureAllowed === true;
    await CancellationScope.nonCancellable(() => jobActivities.failClusterTask({ jobId, taskId: task.id, failure, allowed }));
    progress.taskChanged(task.id, 'failed');
    return allowed ? null : { taskId: task.id, failure };
  }
}

/** One task as runs recorded before TASKS_END_BEFORE_CANCEL ran it. */
async function runTask(jobId: string, task: Task, progress: ProgressSink): Promise<{ taskId: string; failure: TaskFailure } | null> {
  const activities = proxyActivities<Activities>({ ...taskActivityOptions(task), activityId: `task/${task.id}` });
  progress.taskChanged(task.id, 'running');
  try {
    await activities.runClusterTask({ jobId, task });
    progress.taskChanged(task.id, 'successful');
    return null;
  } catch (err) {
    const failure = toTaskFailure(err, task);
    const allowed = task.failureAllowed === true;
    await jobActivities.failClusterTask({ jobId, taskId: task.id, failure, allowed });
    progress.taskChanged(task.id, 'failed');
    return allowed ? null : { taskId: task.id, failure };
  }
}

/**
 * Turns an activity failure into what operators see: code, message, exit code and output tails.
 * A task that ran out of its deadline fails with its last error (the server keeps it as the
 * timeout's cause), or, when no attempt had failed yet, with `CLUSTER.TASK_DEADLINE_EXCEEDED`.
 */
export function toTaskFailure(err: unknown, task?: Task): TaskFailure {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof TimeoutFailure && cause.timeoutType === 'SCHEDULE_TO_CLOSE') {
    const gaveUp = `${task?.title ?? 'the task'} gave up ${task?.deadlineSeconds !== undefined ? `after ${task.deadlineSeconds} s` : 'at its deadline'}`;
    const last = cause.cause instanceof ApplicationFailure ? toTaskFailure(cause.cause) : undefined;
    return last ? { ...last, message: `${gaveUp}: ${last.message}` } : { code: 'CLUSTER.TASK_DEADLINE_EXCEEDED', message: `${gaveUp} without finishing an attempt` };
  }
  if (cause instanceof ApplicationFailure) {
    return taskFailureFrom(cause.type ?? 'SYSTEM.INTERNAL', cause.message, (cause.details?.[0] ?? {}) as Record<string, unknown>);
  }
  return { code: 'SYSTEM.INTERNAL', message: cause instanceof Error ? cause.message : String(cause) };
}
