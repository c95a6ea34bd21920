import { blueprintLinks, statusAfter, statusAfterRollback, TRANSITION_OF, withDeadlines, type ClusterStatus, type JobTarget, type NewClusterEvent, type Operation, type Plan, type Task, type TaskDeadlines, type TaskFailure } from '@pitrix/cluster-model';
import type { ClusterEventStore, ClusterReadModel, JobSpec, JobSpecStore } from '@pitrix/cluster-store';
import { activityInfo, log } from '@temporalio/activity';
import { eventKeys } from './event-keys.js';
import type { ClusterJobPayload, ClusterPilot, ClusterPlanner } from './ports.js';

export type { JobTarget };

/** What the job bookkeeping activities need. */
export interface ClusterJobDeps {
  readonly events: ClusterEventStore;
  readonly reads: ClusterReadModel;
  readonly specs: JobSpecStore;
  readonly planner: ClusterPlanner;
  readonly pilot: ClusterPilot;
  /** How long each task may take in all before its job fails (written on every planned task). */
  readonly deadlines: TaskDeadlines;
}

/** Identity of the running workflow: task outcomes are keyed by run (see event keys). */
function run(): { workflowId: string; runId: string } {
  const execution = activityInfo().workflowExecution;
  return { workflowId: execution?.workflowId ?? 'unknown', runId: execution?.runId ?? 'unknown' };
}

/** Loads a job's spec with its typed payload. */
export async function loadJob(specs: JobSpecStore, jobId: string): Promise<JobSpec & { payload: ClusterJobPayload & { target: JobTarget } }> {
  return (await specs.load(jobId)) as JobSpec & { payload: ClusterJobPayload & { target: JobTarget } };
}

/** Activities that record a job's life and plan it; each is idempotent through its event keys. */
export function createClusterJobActivities(deps: ClusterJobDeps) {
  const stateOf = async (spec: Awaited<ReturnType<typeof loadJob>>) =>
    deps.reads.state(spec.clusterId, { clusterId: spec.clusterId, name: spec.payload.cluster?.name ?? '', ...spec.payload.target });
  const append = (clusterId: string, entries: Array<[string, NewClusterEvent['event']]>) => deps.events.append(entries.map(([key, event]) => ({ clusterId, key, event })));

  return {
    async startClusterJob(input: { jobId: string }): Promise<void> {
      const spec = await loadJob(deps.specs, input.jobId);
      const { workflowId, runId } = run();
      const state = await stateOf(spec);
      const entries: Array<[string, NewClusterEvent['event']]> = [];
      if (spec.operation.action === 'create') {
        const { name, description } = spec.payload.cluster ?? { name: spec.clusterId, description: '' };
        entries.push([eventKeys.clusterCreated(spec.clusterId), { type: 'ClusterCreated', name, description, ...spec.payload.target, owner: spec.owner, ownerPath: spec.ownerPath }]);
        const healing = spec.payload.cluster?.healing;
        if (healing) entries.push([eventKeys.healingSet(spec.clusterId, input.jobId), { type: 'ClusterHealingSet', ...healing, setBy: spec.owner }]);
      }
      if (LINK_SETTING_ACTIONS.has(spec.operation.action)) entries.push([eventKeys.linksSet(spec.clusterId, input.jobId), { type: 'ClusterLinksSet', links: blueprintLinks(spec.payload.blueprint) }]);
      entries.push([eventKeys.jobStarted(input.jobId), { type: 'JobStarted', jobId: input.jobId, action: spec.operation.action, workflowId, runId, owner: spec.owner, previousStatus: state.status }]);
      const status = spec.operation.action === 'create' ? 'pending' : state.status;
      entries.push([eventKeys.jobStatus(input.jobId, runId, 'started'), { type: 'ClusterStatusChanged', status, transitionStatus: TRANSITION_OF[spec.operation.action], reason: 'JobStarted', message: `${spec.operation.action} (${input.jobId})` }]);
      await append(spec.clusterId, entries);
      await setHealthChecks(deps, spec.clusterId, { paused: true, reason: healthPauseReason(input.jobId) });
    },

    async planClusterJob(input: { jobId: string }): Promise<Plan> {
      const spec = await loadJob(deps.specs, input.jobId);
      const state = await stateOf(spec);
      // A rollback job undoes what another (failed) job completed. It carries the spec the cluster
      // ran before that job, whose version is the one to switch back to: the read model already
      // holds the new version when the failed job got as far as switching it.
      const rollback = spec.operation.action === 'rollback';
      const completedTasks = rollback ? await completedTasksOf(deps, spec.operation.jobId) : undefined;
      const planState = rollback ? { ...state, versionId: spec.payload.target.versionId } : state;
      const plan = withDeadlines(deps.planner.planJob({ jobId: input.jobId, operation: spec.operation, blueprint: spec.payload.blueprint, state: planState, completedTasks }), deps.deadlines);
      await append(spec.clusterId, [[eventKeys.jobPlanned(input.jobId), { type: 'JobPlanned', jobId: input.jobId, plan }]]);
      return plan;
    },

    async failClusterTask(input: { jobId: string; taskId: string; failure: TaskFailure; allowed: boolean }): Promise<void> {
      const spec = await deps.specs.load(input.jobId);
      await append(spec.clusterId, [[eventKeys.taskFailed(input.jobId, run().runId, input.taskId), { type: 'TaskFailed', jobId: input.jobId, taskId: input.taskId, failure: input.failure, allowed: input.allowed }]]);
    },

    async finishClusterJob(input: { jobId: string; status: 'successful' | 'failed' | 'cancelled'; failedTaskId: string | null; failure: TaskFailure | null }): Promise<void> {
      const spec = await deps.specs.load(input.jobId);
      const { runId } = run();
      const job = await deps.reads.job(input.jobId);
      // A cancelled job stopped half-way: the cluster needs an operator (rollback or force delete), like a failed one.
      const after = input.status === 'successful' ? await successStatus(deps, spec.operation, job.previousStatus) : 'failed';
      const message = input.status === 'successful' ? `${spec.operation.action} done` : input.status === 'cancelled' ? `${spec.operation.action} cancelled` : failureMessage(input.failedTaskId, input.failure);
      await append(spec.clusterId, [
        [eventKeys.jobCompleted(input.jobId, runId), { type: 'JobCompleted', jobId: input.jobId, status: input.status, failedTaskId: input.failedTaskId, failure: input.failure }],
        [eventKeys.jobStatus(input.jobId, runId, 'finished'), { type: 'ClusterStatusChanged', status: after, transitionStatus: '', reason: input.status === 'successful' ? 'JobSucceeded' : input.status === 'cancelled' ? 'JobCancelled' : 'TaskFailed', message }],
      ]);
      await setHealthChecks(deps, spec.clusterId, healthChecksIn(after));
    },

    async planClusterRollback(input: { jobId: string }): Promise<Plan> {
      const spec = await loadJob(deps.specs, input.jobId);
      const completedTasks = await completedTasksOf(deps, input.jobId);
      const operation: Operation = { action: 'rollback', jobId: input.jobId };
      const plan = withDeadlines(deps.planner.planJob({ jobId: input.jobId, operation, blueprint: spec.payload.blueprint, state: await stateOf(spec), completedTasks }), deps.deadlines);
      await append(spec.clusterId, [[eventKeys.rollbackPlanned(input.jobId, run().runId), { type: 'JobRollbackPlanned', jobId: input.jobId, plan }]]);
      return plan;
    },

    async finishClusterRollback(input: { jobId: string; status: 'successful' | 'failed'; failure: TaskFailure | null }): Promise<void> {
      const spec = await deps.specs.load(input.jobId);
      const { runId } = run();
      const job = await deps.reads.job(input.jobId);
      const status = input.status === 'successful' ? statusAfterRollback(spec.operation.action, job.previousStatus) : 'failed';
      await append(spec.clusterId, [
        [eventKeys.rollbackCompleted(input.jobId, runId), { type: 'JobRollbackCompleted', jobId: input.jobId, status: input.status, failure: input.failure }],
        [eventKeys.jobStatus(input.jobId, runId, 'rolled-back'), { type: 'ClusterStatusChanged', status, transitionStatus: '', reason: input.status === 'successful' ? 'RolledBack' : 'RollbackFailed', message: input.failure?.message ?? 'rolled back' }],
      ]);
      await setHealthChecks(deps, spec.clusterId, healthChecksIn(status));
    },
  };
}

/**
 * Jobs whose blueprint may link other clusters than the previous one did: the links are recorded
 * when such a job starts, so a cluster being created already protects what it links to.
 */
const LINK_SETTING_ACTIONS: ReadonlySet<string> = new Set(['create', 'upgrade', 'updateEnv', 'rollback']);

/** Why health checks are paused while job `jobId` runs; the metadata writes of its tasks say the same. */
export function healthPauseReason(jobId: string): string {
  return `job ${jobId} is running`;
}

/** Health checks run only on an active cluster: elsewhere their action would fight the operator. */
function healthChecksIn(status: ClusterStatus): { paused: boolean; reason: string } | null {
  if (status === 'deleted' || status === 'ceased') return null;
  return status === 'active' ? { paused: false, reason: '' } : { paused: true, reason: `the cluster is ${status}` };
}

/**
 * Writes the health-check switch into the metadata of a placed cluster. Best effort: a frontgate
 * that cannot be reached must not keep a job from starting or ending (the switch is written again
 * by the job's metadata writes and by the next job).
 */
async function setHealthChecks(deps: ClusterJobDeps, clusterId: string, healthChecks: { paused: boolean; reason: string } | null): Promise<void> {
  if (!healthChecks) return;
  const cluster = await deps.reads.cluster(clusterId).catch(() => null);
  if (!cluster?.frontgateId) return;
  try {
    await deps.pilot.writeMetadata(cluster.frontgateId, clusterId, { healthChecks });
  } catch (err) {
    log.warn(`could not ${healthChecks.paused ? 'pause' : 'resume'} the health checks of ${clusterId}: ${(err as Error).message}`);
  }
}

/** The tasks of a job that succeeded, in the order they completed, as planned. */
async function completedTasksOf(deps: ClusterJobDeps, jobId: string): Promise<Task[]> {
  const spec = await deps.specs.load(jobId);
  const events = await deps.events.eventsOf(spec.clusterId, 0, 100_000);
  const planned = events.find((e) => e.event.type === 'JobPlanned' && e.event.jobId === jobId)?.event as { plan: Plan } | undefined;
  if (!planned) return [];
  const byId = new Map(planned.plan.tasks.map((task) => [task.id, task]));
  const done = events
    .filter((e) => e.event.type === 'TaskSucceeded' && e.event.jobId === jobId)
    .map((e) => byId.get((e.event as { taskId: string }).taskId))
    .filter((task): task is Task => task !== undefined);
  return [...new Map(done.map((task) => [task.id, task])).values()];
}

function failureMessage(taskId: string | null, failure: TaskFailure | null): string {
  if (!failure) return `task ${taskId ?? '?'} failed`;
  const exit = failure.exitCode !== undefined ? ` (exit code ${failure.exitCode})` : '';
  return `${taskId}: ${failure.message}${exit}`;
}

/** The status a successful job leaves: for a rollback, what the rolled-back job started from. */
async function successStatus(deps: ClusterJobDeps, operation: Operation, previous: ClusterStatus): Promise<ClusterStatus> {
  if (operation.action !== 'rollback') return statusAfter(operation.action, previous);
  const target = await deps.reads.job(operation.jobId);
  return statusAfterRollback(target.action as Operation['action'], target.previousStatus);
}
