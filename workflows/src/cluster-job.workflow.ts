import type { Activities } from '@pitrix/activities';
import type { Plan, TaskStatus } from '@pitrix/cluster-model';
import {
  CLUSTER_JOB_PROGRESS_QUERY,
  SearchAttributes,
  type ClusterJobInput,
  type ClusterJobProgress,
  type ClusterJobResult,
} from '@pitrix/workflow-contract';
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  continueAsNew,
  defineQuery,
  isCancellation,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { runLayers, type LayersOutcome } from './layer-runner.js';
import { JOB_ACTIVITY_OPTIONS } from './task-options.js';

const jobs = proxyActivities<Activities>(JOB_ACTIVITY_OPTIONS);

/** Live progress: layers, the current one, and each task's status. */
export const progressQuery = defineQuery<ClusterJobProgress>(CLUSTER_JOB_PROGRESS_QUERY);

/**
 * One cluster operation (a job): record its start, plan it, run the plan layer by layer, record
 * the end. A failed task fails the job (and, for an atomic create, rolls back what completed);
 * the workflow then fails too, so an operator can reset it to the failed layer to retry. A
 * cancelled workflow (`cancelJob`) records the job as cancelled before it ends.
 */
export async function clusterJobWorkflow(input: ClusterJobInput): Promise<ClusterJobResult> {
  const progress = newProgress(input.jobId);
  setHandler(progressQuery, () => progress.view());
  try {
    return await runJob(input, progress);
  } catch (err) {
    if (isCancellation(err)) await CancellationScope.nonCancellable(() => recordCancellation(input, progress));
    throw err;
  }
}

async function runJob(input: ClusterJobInput, progress: ReturnType<typeof newProgress>): Promise<ClusterJobResult> {
  const plan = input.resume?.plan ?? (await startAndPlan(input, progress));
  progress.plan(plan);
  const outcome = await runLayers(input.jobId, plan, input.resume?.nextLayer ?? 0, progress, (index) => continueIfSuggested(input, plan, index));
  if (outcome.failedTaskId === null) {
    await finish(input, progress, 'successful', outcome);
    return { jobId: input.jobId, status: 'successful', failedTaskId: null, failure: null, rolledBack: false };
  }
  await finish(input, progress, 'failed', outcome);
  const rolledBack = input.atomic ? await rollBack(input, progress) : false;
  throw ApplicationFailure.create({
    type: 'CLUSTER.JOB_FAILED',
    message: `task ${outcome.failedTaskId} failed: ${outcome.failure?.message ?? 'unknown'}${rolledBack ? ' (rolled back)' : ''}`,
    nonRetryable: true,
    details: [{ failedTaskId: outcome.failedTaskId, failure: outcome.failure, rolledBack }],
  });
}

async function startAndPlan(input: ClusterJobInput, progress: ReturnType<typeof newProgress>): Promise<Plan> {
  upsertSearchAttributes([
    { key: SearchAttributes.jobId, value: input.jobId },
    { key: SearchAttributes.clusterId, value: input.clusterId },
    { key: SearchAttributes.action, value: input.action },
    { key: SearchAttributes.jobStatus, value: 'running' },
  ]);
  await jobs.startClusterJob({ jobId: input.jobId });
  progress.phase = 'planning';
  return jobs.planClusterJob({ jobId: input.jobId });
}

async function finish(input: ClusterJobInput, progress: ReturnType<typeof newProgress>, status: 'successful' | 'failed', outcome: LayersOutcome): Promise<void> {
  progress.phase = 'finishing';
  await jobs.finishClusterJob({ jobId: input.jobId, status, failedTaskId: outcome.failedTaskId, failure: outcome.failure });
  upsertSearchAttributes([{ key: SearchAttributes.jobStatus, value: status }]);
  progress.phase = 'done';
}

/** Records the end of a cancelled job; the tasks in flight were asked to stop (not undone). */
async function recordCancellation(input: ClusterJobInput, progress: ReturnType<typeof newProgress>): Promise<void> {
  progress.phase = 'finishing';
  try {
    await jobs.finishClusterJob({ jobId: input.jobId, status: 'cancelled', failedTaskId: null, failure: { code: 'CLUSTER.JOB_CANCELLED', message: 'the job was cancelled' } });
  } catch (err) {
    // Cancelled before its start was recorded: there is no job to finish.
    if (!(err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === 'CLUSTER.JOB_NOT_FOUND')) throw err;
  }
  upsertSearchAttributes([{ key: SearchAttributes.jobStatus, value: 'cancelled' }]);
  progress.phase = 'done';
}

async function rollBack(input: ClusterJobInput, progress: ReturnType<typeof newProgress>): Promise<boolean> {
  progress.phase = 'rolling-back';
  const plan = await jobs.planClusterRollback({ jobId: input.jobId });
  progress.plan(plan);
  const outcome = await runLayers(input.jobId, plan, 0, progress, async () => undefined);
  await jobs.finishClusterRollback({ jobId: input.jobId, status: outcome.failedTaskId === null ? 'successful' : 'failed', failure: outcome.failure });
  progress.phase = 'done';
  return outcome.failedTaskId === null;
}

async function continueIfSuggested(input: ClusterJobInput, plan: Plan, nextLayer: number): Promise<void> {
  if (nextLayer > 0 && workflowInfo().continueAsNewSuggested) {
    await continueAsNew<typeof clusterJobWorkflow>({ ...input, resume: { plan, nextLayer } });
  }
}

function newProgress(jobId: string) {
  const state = {
    phase: 'starting' as ClusterJobProgress['phase'],
    layers: [] as (readonly string[])[],
    currentLayer: -1,
    tasks: {} as Record<string, TaskStatus>,
    titles: {} as Record<string, string>,
  };
  return Object.assign(state, {
    plan(plan: Plan) {
      state.layers = plan.layers.map((layer) => [...layer]);
      for (const task of plan.tasks) {
        state.tasks[task.id] ??= 'pending';
        state.titles[task.id] = task.title;
      }
      if (state.phase === 'planning') state.phase = 'running';
    },
    layerStarted(index: number) {
      state.currentLayer = index;
    },
    taskChanged(taskId: string, status: TaskStatus) {
      state.tasks[taskId] = status;
    },
    view: (): ClusterJobProgress => ({ jobId, phase: state.phase, layers: state.layers, currentLayer: state.currentLayer, tasks: { ...state.tasks }, titles: { ...state.titles } }),
  });
}
