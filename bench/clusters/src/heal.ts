import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageFiles } from '@pitrix/package';
import type { BenchStack } from './stack.js';

/** One heal of a node killed with -9, timed. */
export interface HealTiming {
  /** From the kill to the heal job successful, the cluster `active` and the node healthy again. */
  readonly healMs: number;
  /** From the kill to the heal job's start: heartbeats missing for 3 intervals, then the grace period. */
  readonly detectionMs: number;
  /** The heal job's wall time. */
  readonly jobMs: number;
  /** The hook commands' own time on the job's critical path (per layer its longest runCommand task, summed). */
  readonly hookCommandsMs: number;
  /** What the platform added to the hooks: the job's wall time minus `hookCommandsMs`. */
  readonly overheadMs: number;
}

const ms = (value: unknown) => new Date(value as string).getTime();
const pause = (delay: number) => new Promise((resolve) => setTimeout(resolve, delay));

async function poll<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s`);
    await pause(250);
  }
}

/**
 * Creates a cluster of `files` on real drones with healing on (grace period `graceSeconds`),
 * waits until every node reported, kills one node's whole process group (its drone and what its
 * hooks started, as a crashed machine) and times the resurrector's heal. The end is taken from
 * the database's own timestamps: the later of the heal job's end and the node turning healthy.
 */
export async function timeHeal(stack: BenchStack, files: PackageFiles, values: Record<string, unknown>, graceSeconds: number): Promise<HealTiming> {
  const create = await stack.create(files, values, { enabled: true, graceSeconds });
  if (!(await stack.finished(create))) throw new Error(`the create job ${create.jobId} failed`);
  const nodes = await stack.reads.nodes(create.clusterId);
  const nodeIds = nodes.map((node) => node.nodeId);
  await poll('not every node reported healthy', 60_000, async () => {
    const [row] = await stack.query(`SELECT count(*)::int AS healthy FROM agents.node_health WHERE node_id = ANY($1) AND state = 'healthy'`, [nodeIds]);
    return Number(row?.healthy) === nodeIds.length ? true : undefined;
  });

  const victim = nodes[0]!;
  const record = JSON.parse(readFileSync(join(stack.localRoot, 'instances', victim.instanceId!, 'instance.json'), 'utf8')) as { process: { pid: number } };
  const killedAt = Date.now();
  process.kill(-record.process.pid, 'SIGKILL');

  const healed = await poll(`node ${victim.nodeId} was not healed`, 240_000, async () => {
    const [row] = await stack.query(
      `SELECT j.id, j.status, j.started_at, j.finished_at, c.status AS cluster_status, c.transition_status, h.state, h.state_since
         FROM cluster.jobs j JOIN cluster.clusters c ON c.id = j.cluster_id JOIN agents.node_health h ON h.node_id = $2
        WHERE j.cluster_id = $1 AND j.action = 'heal' ORDER BY j.started_at DESC LIMIT 1`,
      [create.clusterId, victim.nodeId],
    );
    if (row?.status === 'failed') throw new Error(`the heal job ${String(row.id)} failed`);
    const done = row?.status === 'successful' && row.cluster_status === 'active' && row.transition_status === '' && row.state === 'healthy';
    return done ? row : undefined;
  });
  const commands = await stack.query(`SELECT layer, started_at, finished_at FROM cluster.tasks WHERE job_id = $1 AND type = 'runCommand' AND NOT rollback AND started_at IS NOT NULL`, [healed.id]);
  const longestByLayer = new Map<number, number>();
  for (const task of commands) longestByLayer.set(Number(task.layer), Math.max(longestByLayer.get(Number(task.layer)) ?? 0, ms(task.finished_at) - ms(task.started_at)));
  const hookCommandsMs = [...longestByLayer.values()].reduce((sum, longest) => sum + longest, 0);
  const jobMs = ms(healed.finished_at) - ms(healed.started_at);
  return {
    healMs: Math.max(ms(healed.finished_at), ms(healed.state_since)) - killedAt,
    detectionMs: ms(healed.started_at) - killedAt,
    jobMs,
    hookCommandsMs,
    overheadMs: jobMs - hookCommandsMs,
  };
}
