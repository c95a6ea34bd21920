import type { BenchStack } from './stack.js';

/** One create, split into the tasks' own time on the critical path and what orchestration added. */
export interface CreateTiming {
  readonly totalMs: number;
  readonly criticalPathMs: number;
  readonly layers: number;
  readonly overheadMs: number;
}

const ms = (value: unknown) => new Date(value as string).getTime();

/**
 * Times one create from submission to the cluster turning `active` (the event's own timestamp),
 * and subtracts the critical path: per layer the longest task (tasks of a layer run in parallel),
 * summed over the layers. What is left is what the platform added: workflow tasks, activity
 * dispatch, bookkeeping between layers.
 */
export async function timeCreate(stack: BenchStack, submit: () => ReturnType<BenchStack['create']>): Promise<CreateTiming> {
  const submittedAt = Date.now();
  const job = await submit();
  if (!(await stack.finished(job))) throw new Error(`the create job ${job.jobId} failed`);
  const [active] = await stack.query(
    `SELECT recorded_at FROM cluster.events WHERE cluster_id = $1 AND type = 'ClusterStatusChanged' AND payload->>'status' = 'active' ORDER BY sequence LIMIT 1`,
    [job.clusterId],
  );
  if (!active) throw new Error(`cluster ${job.clusterId} never turned active`);
  const tasks = await stack.query(`SELECT layer, started_at, finished_at FROM cluster.tasks WHERE job_id = $1 AND NOT rollback`, [job.jobId]);
  const longestByLayer = new Map<number, number>();
  for (const task of tasks) {
    const duration = ms(task.finished_at) - ms(task.started_at);
    const layer = Number(task.layer);
    longestByLayer.set(layer, Math.max(longestByLayer.get(layer) ?? 0, duration));
  }
  const criticalPathMs = [...longestByLayer.values()].reduce((sum, longest) => sum + longest, 0);
  const totalMs = ms(active.recorded_at) - submittedAt;
  return { totalMs, criticalPathMs, layers: longestByLayer.size, overheadMs: totalMs - criticalPathMs };
}
