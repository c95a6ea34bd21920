import type { NodeState, TaskSpec } from '@pitrix/cluster-model';
import type { HealthProjection } from '@pitrix/agent-plane';
import { PitrixError } from '@pitrix/errors';
import { activityInfo, log } from '@temporalio/activity';
import { interruptibleHeartbeat } from '../../heartbeat-sender.js';
import { attemptTimeLeftMs } from '../attempt-budget.js';
import { healthPauseReason } from '../job.activities.js';
import type { TaskContext } from '../task-context.js';

type Of<T extends TaskSpec['type']> = Extract<TaskSpec, { type: T }>;

/** Where the gate reads the drones' health check reports: the agent plane's health projection. */
export type HealthCheckReports = Pick<HealthProjection, 'lastHealthChecks'>;

type Observation = Awaited<ReturnType<HealthCheckReports['lastHealthChecks']>>[number];

/** How often the gate reads the reports; drones check every 3 s at the most. */
const POLL_MS = 1_000;

/**
 * Waits until every node of an upgraded batch has passed its health check `healthyThreshold`
 * times in a row, as reported after the task was first scheduled. Checks are paused while a job
 * runs and the pause is cluster-wide (the drones know no other), so the gate resumes them for the
 * cluster while it waits and pauses them again afterwards. The window is counted from the task's
 * first schedule, so every attempt (a retried one resumes again, harmlessly) shares it.
 */
export async function waitHealthy(ctx: TaskContext, spec: Of<'waitHealthy'>, reports: HealthCheckReports): Promise<void> {
  const since = activityInfo().scheduledTimestampMs;
  const windowEnd = since + spec.timeoutSeconds * 1000;
  const attemptLeft = attemptTimeLeftMs();
  const end = attemptLeft === undefined ? windowEnd : Math.min(windowEnd, Date.now() + attemptLeft);
  const { frontgateId } = await ctx.frontgate();
  const clusterId = ctx.job.clusterId;
  // A simulated drone (a local runtime's `simulateDrones`) runs no health check: nothing to wait for.
  const simulated = new Set(await ctx.deps.pilot.simulatedDrones(frontgateId, spec.nodeIds));
  if (simulated.size > 0) log.info(`${[...simulated].join(', ')}: simulated drones run no health checks; not gated`);
  const gated = { ...spec, nodeIds: spec.nodeIds.filter((nodeId) => !simulated.has(nodeId)) };
  if (gated.nodeIds.length === 0) return;
  await ctx.deps.pilot.writeMetadata(frontgateId, clusterId, { healthChecks: { paused: false, reason: '' } });
  const pause = () => ctx.deps.pilot.writeMetadata(frontgateId, clusterId, { healthChecks: { paused: true, reason: healthPauseReason(ctx.jobId) } });
  try {
    await untilHealthy(ctx, gated, reports, since, end);
  } catch (err) {
    // The job's end pauses them again too; a frontgate that cannot be reached must not hide why the gate failed.
    await pause().catch((pauseErr: unknown) => log.warn(`could not pause the health checks of ${clusterId} again: ${(pauseErr as Error).message}`));
    throw err;
  }
  await pause();
}

async function untilHealthy(ctx: TaskContext, spec: Of<'waitHealthy'>, reports: HealthCheckReports, since: number, end: number): Promise<void> {
  const beat = interruptibleHeartbeat();
  for (;;) {
    const fresh = new Map((await reports.lastHealthChecks(spec.nodeIds)).filter((report) => report.observedAt.getTime() >= since).map((report) => [report.nodeId, report]));
    const waiting = spec.nodeIds.filter((nodeId) => (fresh.get(nodeId)?.consecutiveSuccesses ?? 0) < spec.healthyThreshold);
    if (waiting.length === 0) return;
    const left = end - Date.now();
    if (left <= 0) throw await unhealthyBatch(ctx, spec, waiting, fresh);
    beat({ waiting });
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, left)));
  }
}

/** `CLUSTER.UNHEALTHY_BATCH`, naming each node still waited for with what its check last said. */
async function unhealthyBatch(ctx: TaskContext, spec: Of<'waitHealthy'>, waiting: readonly string[], fresh: ReadonlyMap<string, Observation>): Promise<PitrixError> {
  const nodes = new Map((await ctx.state()).nodes.map((node) => [node.nodeId, node]));
  const described = waiting.map((nodeId) => `${label(nodes.get(nodeId), nodeId)}: ${lastCheck(fresh.get(nodeId))}`);
  const exitCodes = waiting.map((nodeId) => fresh.get(nodeId)?.lastExitCode ?? null);
  return new PitrixError(
    'CLUSTER.UNHEALTHY_BATCH',
    `the upgraded nodes did not pass their health check ${spec.healthyThreshold} times in a row within ${spec.timeoutSeconds} s: ${described.join('; ')}`,
    waiting.map((nodeId) => ({ path: `nodes.${nodeId}`, message: lastCheck(fresh.get(nodeId)), expected: `${spec.healthyThreshold} passing checks in a row`, found: fresh.get(nodeId)?.consecutiveSuccesses ?? 0 })),
    { details: { nodeIds: waiting, ...(waiting.length === 1 && exitCodes[0] !== null ? { exitCode: exitCodes[0] } : {}) } },
  );
}

function label(node: NodeState | undefined, nodeId: string): string {
  return node ? `${node.role === '' ? 'node' : node.role} #${node.serverId} (${nodeId})` : nodeId;
}

function lastCheck(report: Observation | undefined): string {
  if (!report) return 'no health check reported since the upgrade';
  const exit = report.lastExitCode === null ? '' : `, last exit code ${report.lastExitCode}`;
  return `${report.status}, ${report.consecutiveSuccesses} passed in a row${exit}`;
}
