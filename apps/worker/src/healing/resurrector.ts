import { submitClusterJob, type JobSubmitter, type SubmittedJob } from '@pitrix/cluster-client';
import type { ClusterJobPayload, JobTarget } from '@pitrix/cluster-model';
import type { ClusterReadModel } from '@pitrix/cluster-store';
import { isPitrixError } from '@pitrix/errors';
import { newId } from '@pitrix/ids';
import type { HealingStore, RuntimeHealing } from '@pitrix/runtime-store';
import type { DataSource } from 'typeorm';
import { judgeMeltdown, type MeltdownLimits } from './meltdown.js';
import { healedSince, watchedNodes, type WatchedNode } from './node-outages.js';
import { startPeriodicScan, type PeriodicScan } from '../periodic-scan.js';

/** What the resurrector needs. */
export interface ResurrectorDeps extends JobSubmitter {
  readonly dataSource: DataSource;
  readonly reads: ClusterReadModel;
  readonly healing: HealingStore;
  /** The agent plane's pilot: a node's drone is pinged through its frontgate (a few seconds at most). */
  readonly drones: { pingDrone(frontgateId: string, nodeId: string): Promise<unknown> };
  readonly settings: { readonly scanMs: number; readonly meltdownPercent: number; readonly meltdownNodes: number; readonly meltdownWindowSeconds: number };
  /** Called with each heal job started (for logs). */
  readonly onHeal?: (job: SubmittedJob, nodeIds: readonly string[], reason: string) => void;
  readonly onError: (message: string) => void;
}

/** A running resurrector: `scan()` runs one now. */
export type Resurrector = PeriodicScan;

// One resurrector acts at a time however many workers run: two would each start a heal for one outage.
const SCAN_LOCK = 0x7069_7478;

/**
 * BOSH's resurrector for Pitrix: every `scanMs` it finds nodes that are down past their
 * cluster's grace period (silent, or unhealthy although their own action ran), weighs each
 * runtime against the meltdown brake, records the runtime's healing state, and starts a `heal`
 * job per cluster for its down nodes, unless the runtime is in meltdown and no admin released it.
 * A heal is an ordinary job: Temporal's one workflow per cluster keeps it from running beside
 * another job, and a node healed once for an outage is not down any more for that outage.
 */
export function startResurrector(deps: ResurrectorDeps): Resurrector {
  return startPeriodicScan(deps.settings.scanMs, 'scan', () => scanOnce(deps), deps.onError);
}

async function scanOnce(deps: ResurrectorDeps): Promise<void> {
  const runner = deps.dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [SCAN_LOCK])) as [{ locked: boolean }];
    if (locked) await judgeAndHeal(deps, new Date());
    await runner.commitTransaction();
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}

async function judgeAndHeal(deps: ResurrectorDeps, now: Date): Promise<void> {
  const nodes = await watchedNodes(deps.dataSource, now);
  const recent = await healedSince(deps.dataSource, new Date(now.getTime() - deps.settings.meltdownWindowSeconds * 1000));
  const known = await deps.healing.all();
  const byRuntime = groupBy(nodes, (node) => node.runtimeId);
  // A runtime in meltdown whose nodes are all gone from view is judged too, so that it can recover.
  for (const [runtimeId, healing] of known) if (healing.state === 'meltdown' && !byRuntime.has(runtimeId)) byRuntime.set(runtimeId, []);
  for (const [runtimeId, watched] of byRuntime) {
    const down = watched.filter((node) => node.outage !== null);
    const before = known.get(runtimeId);
    const limits: MeltdownLimits = { percent: before?.meltdownPercent ?? deps.settings.meltdownPercent, nodes: before?.meltdownNodes ?? deps.settings.meltdownNodes };
    const verdict = judgeMeltdown({ total: watched.length, down: down.length, recentlyHealed: recent.get(runtimeId) ?? 0 }, limits);
    const healing = changed(before, verdict.meltdown, down.length, watched.length)
      ? await deps.healing.observe(runtimeId, { downNodes: down.length, totalNodes: watched.length, meltdown: verdict.meltdown, message: verdict.message })
      : before;
    if (!healing || (healing.state === 'meltdown' && !healing.releasedAt)) continue;
    for (const [clusterId, clusterDown] of groupBy(down.filter((node) => node.healable), (node) => node.clusterId)) {
      await heal(deps, clusterId, clusterDown).catch((err: unknown) => deps.onError(`cluster ${clusterId}: heal not started: ${(err as Error).message}`));
    }
  }
}

// Writes only what changed: the state, or the counts shown with it.
function changed(before: RuntimeHealing | undefined, meltdown: boolean, down: number, total: number): boolean {
  if (!before) return down > 0 || meltdown;
  return (before.state === 'meltdown') !== meltdown || before.downNodes !== down || before.totalNodes !== total;
}

async function heal(deps: ResurrectorDeps, clusterId: string, down: readonly WatchedNode[]): Promise<void> {
  // BOSH asks an agent before recreating its VM: heartbeats can be lost on the way (a worker that
  // died with the subscription), while the drone is well. A silent node whose drone answers is left alone.
  const answers = await Promise.all(down.map((node) => (node.outage?.reason === 'HeartbeatMissing' ? deps.drones.pingDrone(node.frontgateId, node.nodeId).then(() => true, () => false) : Promise.resolve(false))));
  const nodes = down.filter((_, index) => !answers[index]);
  if (nodes.length === 0) return;
  const cluster = await deps.reads.cluster(clusterId);
  const specJobId = cluster.specJobId ?? cluster.lastJobId;
  if (!specJobId) return;
  const spec = await deps.specs.load(specJobId);
  const nodeIds = nodes.map((node) => node.nodeId).sort();
  const reason = [...new Set(nodes.map((node) => node.outage?.reason))].join(', ');
  try {
    const job = await submitClusterJob(deps, {
      jobId: newId('job'),
      clusterId,
      operation: { action: 'heal', nodeIds, reason },
      payload: spec.payload as unknown as ClusterJobPayload & { readonly target: JobTarget },
      owner: cluster.owner,
      ownerPath: cluster.ownerPath,
    });
    deps.onHeal?.(job, nodeIds, reason);
  } catch (err) {
    // Another job runs on the cluster: the next scan tries again once it has ended.
    if (isPitrixError(err) && err.code === 'CLUSTER.BUSY') return;
    throw err;
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
