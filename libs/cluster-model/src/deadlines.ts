import type { Plan, Task } from './tasks.js';

/**
 * How long a task of each kind may take in all, retries included, before its job fails with the
 * task's last error: a job that cannot progress ends, in bounded time, with its reason.
 */
export interface TaskDeadlines {
  /** Placing the cluster and getting its network's frontgate to answer. */
  readonly frontgateSeconds: number;
  /** Waiting for the drones of new or restarted nodes to report in. */
  readonly dronesSeconds: number;
  /** A provider call: instances and volumes. */
  readonly providerSeconds: number;
  /** Metadata writes and the job's own records. */
  readonly recordSeconds: number;
  /** Added to a hook command's own timeout (delivery, a drone restarting, retries). */
  readonly commandMarginSeconds: number;
  /**
   * A Helm release step or a workload becoming ready (chart clusters). Optional: plans recorded
   * before chart clusters existed were given deadlines without it.
   */
  readonly releaseSeconds?: number;
}

/** The deadline of one task, in seconds. */
export function deadlineOf(task: Task, deadlines: TaskDeadlines): number {
  switch (task.spec.type) {
    case 'ensureFrontgate':
      return deadlines.frontgateSeconds;
    case 'waitForDrones':
      return deadlines.dronesSeconds;
    case 'runCommand':
      return task.spec.command.timeoutSeconds + deadlines.commandMarginSeconds;
    case 'waitHealthy':
      // The gate fails with its own error at its timeout; the margin covers retries of an attempt.
      return task.spec.timeoutSeconds + deadlines.dronesSeconds;
    case 'checkResources':
    case 'createVolume':
    case 'runInstance':
    case 'attachVolume':
    case 'startInstance':
    case 'stopInstance':
    case 'terminateInstance':
    case 'resizeInstance':
    case 'detachVolume':
    case 'resizeVolume':
    case 'deleteVolume':
      return deadlines.providerSeconds;
    case 'preflightRelease':
    case 'installRelease':
    case 'upgradeRelease':
    case 'rollbackRelease':
    case 'uninstallRelease':
    case 'waitWorkload':
    case 'scaleWorkload':
    case 'testRelease':
      return deadlines.releaseSeconds ?? deadlines.providerSeconds;
    default:
      return deadlines.recordSeconds;
  }
}

/** The plan with each task's deadline written on it (the workflow reads it from there). */
export function withDeadlines(plan: Plan, deadlines: TaskDeadlines): Plan {
  return { ...plan, tasks: plan.tasks.map((task) => ({ ...task, deadlineSeconds: deadlineOf(task, deadlines) })) };
}
