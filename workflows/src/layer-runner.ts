import type { Activities } from '@pitrix/activities';
import { taskFailureFrom, type Plan, type Task, type TaskFailure, type TaskStatus } from '@pitrix/cluster-model';
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
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
 * Runs the layers from `fromLayer` in order, the tasks of a layer in parallel, one activity each.
 * A task allowed to fail is recorded and does not stop the job; any other failure stops after
 * its layer has settled. `beforeLayer` lets the workflow continue as new between layers.
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
    const results = await Promise.all(tasks.map((task) => runTask(jobId, task, progress)));
    const failed = results.find((result) => result !== null);
    if (failed) return { failedTaskId: failed.taskId, failure: failed.failure, stoppedAtLayer: index };
  }
  return { failedTaskId: null, failure: null, stoppedAtLayer: plan.layers.length };
}

async function runTask(jobId: string, task: Task, progress: ProgressSink): Promise<{ taskId: string; failure: TaskFailure } | null> {
  const activities = proxyActivities<Activities>({ ...taskActivityOptions(task), activityId: `task/${task.id}` });
  progress.taskChanged(task.id, 'running');
  try {
    await activities.runClusterTask({ jobId, task });
    progress.taskChanged(task.id, 'successful');
    return null;
  } catch (err) {
    const failure = toTaskFailure(err);
    const allowed = task.failureAllowed === true;
    await jobActivities.failClusterTask({ jobId, taskId: task.id, failure, allowed });
    progress.taskChanged(task.id, 'failed');
    return allowed ? null : { taskId: task.id, failure };
  }
}

/** Turns an activity failure into what operators see: code, message, exit code and output tails. */
export function toTaskFailure(err: unknown): TaskFailure {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) {
    return taskFailureFrom(cause.type ?? 'SYSTEM.INTERNAL', cause.message, (cause.details?.[0] ?? {}) as Record<string, unknown>);
  }
  return { code: 'SYSTEM.INTERNAL', message: cause instanceof Error ? cause.message : String(cause) };
}
