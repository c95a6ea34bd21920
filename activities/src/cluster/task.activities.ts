import { taskFailureFrom, type Task, type TaskFailure } from '@pitrix/cluster-model';
import { HealthProjection } from '@pitrix/agent-plane';
import { PitrixError } from '@pitrix/errors';
import { activityInfo } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { JobCancelled } from '../heartbeat-sender.js';
import { attemptFailure } from './attempt-budget.js';
import { deleteMetadata, runCommand, setScalingHosts, waitForDrones, writeMetadata } from './executors/agent-tasks.js';
import { waitHealthy, type HealthCheckReports } from './executors/health-gate.js';
import { ensureFrontgate, registerNodes, removeNodes, setVersion } from './executors/node-tasks.js';
import { attachVolume, checkResources, createVolume, instanceLifecycle, runInstance, volumeLifecycle } from './executors/provider-tasks.js';
import { installRelease, preflightRelease, rollbackRelease, scaleWorkload, syncReleaseNodes, testRelease, uninstallRelease, upgradeRelease, waitWorkload } from './executors/release-tasks.js';
import { taskContext, type ClusterTaskDeps, type TaskContext } from './task-context.js';

/** Runs one task by its type. Every executor is idempotent: Temporal may run it more than once. */
async function execute(ctx: TaskContext, task: Task, healthChecks: HealthCheckReports): Promise<void> {
  const spec = task.spec;
  switch (spec.type) {
    case 'ensureFrontgate':
      return ensureFrontgate(ctx);
    case 'checkResources':
      return checkResources(ctx, spec);
    case 'registerNodes':
      return registerNodes(ctx, spec);
    case 'createVolume':
      return createVolume(ctx, spec);
    case 'runInstance':
      return runInstance(ctx, spec);
    case 'attachVolume':
      return attachVolume(ctx, spec);
    case 'waitForDrones':
      return waitForDrones(ctx, spec);
    case 'waitHealthy':
      return waitHealthy(ctx, spec, healthChecks);
    case 'writeMetadata':
      return writeMetadata(ctx);
    case 'setScalingHosts':
      return setScalingHosts(ctx, spec);
    case 'runCommand':
      return runCommand(ctx, spec);
    case 'startInstance':
    case 'stopInstance':
    case 'terminateInstance':
    case 'resizeInstance':
      return instanceLifecycle(ctx, spec);
    case 'detachVolume':
    case 'resizeVolume':
    case 'deleteVolume':
      return volumeLifecycle(ctx, spec);
    case 'removeNodes':
      return removeNodes(ctx, spec);
    case 'deleteMetadata':
      return deleteMetadata(ctx);
    case 'setVersion':
      return setVersion(ctx, spec);
    case 'preflightRelease':
      return preflightRelease(ctx);
    case 'installRelease':
      return installRelease(ctx);
    case 'upgradeRelease':
      return upgradeRelease(ctx);
    case 'rollbackRelease':
      return rollbackRelease(ctx, spec);
    case 'uninstallRelease':
      return uninstallRelease(ctx);
    case 'waitWorkload':
      return waitWorkload(ctx, spec);
    case 'scaleWorkload':
      return scaleWorkload(ctx, spec);
    case 'testRelease':
      return testRelease(ctx);
    case 'syncReleaseNodes':
      return syncReleaseNodes(ctx);
  }
}

/**
 * The activity that runs a cluster task, recording when it started (per attempt) and succeeded.
 * Its failure is recorded by the workflow, except once the job was cancelled: the workflow no
 * longer waits for it, so the task records its own failure rather than staying "running".
 */
export function createClusterTaskActivities(deps: ClusterTaskDeps & { readonly dataSource: DataSource }) {
  // Health gates read the drones' reports where the agent monitor records them.
  const healthChecks = new HealthProjection(deps.dataSource);
  return {
    async runClusterTask(input: { jobId: string; task: Task }): Promise<void> {
      const info = activityInfo();
      const runId = info.workflowExecution?.runId ?? 'unknown';
      const ctx = await taskContext(deps, input.jobId, runId, input.task.id);
      await ctx.record(`started/${info.attempt}`, { type: 'TaskStarted', jobId: input.jobId, taskId: input.task.id, attempt: info.attempt });
      try {
        await execute(ctx, input.task, healthChecks);
      } catch (err) {
        // An interrupted wait, or a task ending after its job was cancelled: the workflow no
        // longer records this task's end, so the task does.
        if (err instanceof JobCancelled || (await deps.reads.job(input.jobId)).status === 'cancelled') {
          await ctx.record('failed', { type: 'TaskFailed', jobId: input.jobId, taskId: input.task.id, failure: taskFailureOf(err), allowed: input.task.failureAllowed === true });
        }
        throw attemptFailure(err);
      }
      await ctx.record('succeeded', { type: 'TaskSucceeded', jobId: input.jobId, taskId: input.task.id });
    },
  };
}

/** What operators see of a task's error: its code, message, and the command's exit code and output tails. */
function taskFailureOf(err: unknown): TaskFailure {
  if (err instanceof JobCancelled) return { code: 'CLUSTER.JOB_CANCELLED', message: 'interrupted: the job was cancelled' };
  if (!(err instanceof PitrixError)) return { code: 'SYSTEM.INTERNAL', message: err instanceof Error ? err.message : String(err) };
  return taskFailureFrom(err.code, err.message, err.details);
}
