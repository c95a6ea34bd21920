import { isReleaseBlueprint, releaseClientToken, type ReleaseBlueprint, type TaskSpec } from '@pitrix/cluster-model';
import { PitrixError } from '@pitrix/errors';
import type { ReleaseEndpoint, ReleaseRequest, ReleaseSession } from '@pitrix/provider-contract';
import { heartbeatSender, interruptibleHeartbeat } from '../../heartbeat-sender.js';
import { attemptTimeLeftMs } from '../attempt-budget.js';
import { releaseNodeEvents } from '../release-nodes.js';
import type { TaskContext } from '../task-context.js';

type Of<T extends TaskSpec['type']> = Extract<TaskSpec, { type: T }>;

/** How often a readiness wait looks at its workload. */
const POLL_MS = 100;

/** How often a Helm call in flight tells Temporal its task is alive (the heartbeat timeout is 30 s). */
const HEARTBEAT_MS = 5_000;

/** Runs a release call, heartbeating while it runs: an uninstall waiting for its objects can take minutes. */
function withHeartbeats<T>(ctx: TaskContext, call: (session: ReleaseSession) => Promise<T>): Promise<T> {
  const heartbeat = heartbeatSender();
  const timer = setInterval(() => heartbeat(), HEARTBEAT_MS);
  return ctx.withReleases(call).finally(() => clearInterval(timer));
}

/** The job's release: its blueprint, and the request that installs or upgrades it. */
function releaseOf(ctx: TaskContext): { blueprint: ReleaseBlueprint; request: ReleaseRequest } {
  const blueprint = ctx.job.payload.blueprint;
  if (!isReleaseBlueprint(blueprint)) throw new PitrixError('CLUSTER.INVALID_OPERATION', `job ${ctx.jobId} is not a chart cluster's: its blueprint has no chart`);
  const request = { release: blueprint.release, chart: { files: ctx.job.payload.packageFiles }, values: ctx.job.payload.values, clientToken: releaseClientToken(ctx.jobId, ctx.taskId) };
  return { blueprint, request };
}

/** Renders, dry-runs and checks the namespace before anything is installed. */
export async function preflightRelease(ctx: TaskContext): Promise<void> {
  const { request } = releaseOf(ctx);
  await withHeartbeats(ctx, (session) => session.preflight(request));
}

export async function installRelease(ctx: TaskContext): Promise<void> {
  const { request } = releaseOf(ctx);
  await withHeartbeats(ctx, (session) => session.install(request));
}

export async function upgradeRelease(ctx: TaskContext): Promise<void> {
  const { request } = releaseOf(ctx);
  await withHeartbeats(ctx, (session) => session.upgrade(request));
}

/**
 * Rolls the release back to the revision before the one the undone task made. When that task
 * made none (Helm refused it), there is nothing to undo; when the release is already back there
 * (this task ran before), the rollback's own token finds its revision.
 */
export async function rollbackRelease(ctx: TaskContext, spec: Of<'rollbackRelease'>): Promise<void> {
  const { blueprint } = releaseOf(ctx);
  await withHeartbeats(ctx, async (session) => {
    const history = await session.history(blueprint.release);
    const undone = history.find((revision) => revision.description === spec.undoToken);
    if (!undone) return;
    const before = [...history].reverse().find((revision) => revision.revision < undone.revision && revision.status !== 'failed' && !revision.status.startsWith('pending'));
    if (!before) throw new PitrixError('KUBERNETES.RELEASE_FAILED', `release ${blueprint.release} has no revision before ${undone.revision} to roll back to`);
    await session.rollback(blueprint.release, before.revision, releaseClientToken(ctx.jobId, ctx.taskId));
  });
}

export async function uninstallRelease(ctx: TaskContext): Promise<void> {
  const { blueprint } = releaseOf(ctx);
  await withHeartbeats(ctx, async (session) => {
    await session.uninstall(blueprint.release);
    const left = await session.remainingObjects(blueprint.release);
    if (left.length > 0) throw new PitrixError('KUBERNETES.RELEASE_FAILED', `release ${blueprint.release} was uninstalled but ${left.length} object(s) remain: ${left.slice(0, 10).join(', ')}`);
  });
}

/**
 * Waits until the workload is ready, polling (the wait ends with the job's cancellation). It
 * fails, with the workload's own reason, when the task's time runs out.
 */
export async function waitWorkload(ctx: TaskContext, spec: Of<'waitWorkload'>): Promise<void> {
  const heartbeat = interruptibleHeartbeat();
  const deadline = Date.now() + (attemptTimeLeftMs() ?? 600_000);
  await ctx.withReleases(async (session) => {
    for (;;) {
      const status = await session.workloadStatus(spec.workload);
      if (status.ready) return;
      if (Date.now() >= deadline) {
        throw new PitrixError('KUBERNETES.WORKLOAD_NOT_READY', `${spec.workload.kind} ${spec.workload.name} is not ready (${status.readyReplicas}/${status.desiredReplicas} ready): ${status.reason || 'no reason given'}`);
      }
      heartbeat({ readyReplicas: status.readyReplicas, desiredReplicas: status.desiredReplicas });
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  });
}

export async function scaleWorkload(ctx: TaskContext, spec: Of<'scaleWorkload'>): Promise<void> {
  await withHeartbeats(ctx, (session) => session.scaleWorkload(spec.workload, spec.replicas));
}

export async function testRelease(ctx: TaskContext): Promise<void> {
  const { blueprint } = releaseOf(ctx);
  const seconds = Math.max(30, Math.floor((attemptTimeLeftMs() ?? 300_000) / 1000));
  await withHeartbeats(ctx, (session) => session.test(blueprint.release, seconds));
}

/** Records the release's pods as the cluster's nodes, with their readiness as health, and its Services as endpoints. */
export async function syncReleaseNodes(ctx: TaskContext): Promise<void> {
  const { blueprint } = releaseOf(ctx);
  const [pods, endpoints] = await ctx.withReleases((session) => Promise.all([session.pods(blueprint.release), session.endpoints(blueprint.release)]));
  const nodes = (await ctx.state()).nodes;
  await ctx.deps.events.append(releaseNodeEvents(ctx.job.clusterId, pods, nodes, new Date().toISOString()));
  await ctx.record('endpoints', { type: 'ClusterEndpointsChanged', endpoints: endpointMap(endpoints) });
}

function endpointMap(endpoints: readonly ReleaseEndpoint[]): Record<string, { host: string; port: number; protocol: string }> {
  return Object.fromEntries(endpoints.map((endpoint) => [endpoint.name, { host: endpoint.host, port: endpoint.port, protocol: endpoint.protocol }]));
}
