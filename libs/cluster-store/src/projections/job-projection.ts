import { taskNodeId, type Plan, type StoredClusterEvent } from '@pitrix/cluster-model';
import type { EntityManager } from 'typeorm';
import { update } from './cluster-projection.js';

/** Projects job and task events onto `cluster.jobs` and `cluster.tasks`. */
export async function projectJob(manager: EntityManager, stored: StoredClusterEvent): Promise<void> {
  const { event } = stored;
  const at = stored.recordedAt;
  switch (event.type) {
    case 'JobStarted':
      await manager.query(
        `INSERT INTO cluster.jobs (id, cluster_id, action, status, workflow_id, run_id, owner, previous_status, started_at) VALUES ($1, $2, $3, 'running', $4, $5, $6, $7, $8)`,
        [event.jobId, stored.clusterId, event.action, event.workflowId, event.runId, event.owner, event.previousStatus, at],
      );
      return update(manager, stored, { last_job_id: event.jobId });
    case 'JobPlanned':
      await manager.query(`UPDATE cluster.jobs SET layers = $2 WHERE id = $1`, [event.jobId, JSON.stringify(event.plan.layers)]);
      await insertTasks(manager, stored.clusterId, event.jobId, event.plan, 0, false);
      return undefined;
    case 'TaskStarted':
      // A task running again after the job failed means it was reset (retried by hand or by the API).
      await manager.query(
        `UPDATE cluster.jobs SET status = 'running', finished_at = NULL WHERE id = $1 AND status = 'failed'
           AND NOT coalesce((SELECT rollback FROM cluster.tasks WHERE job_id = $1 AND task_id = $2), false)`,
        [event.jobId, event.taskId],
      );
      await manager.query(
        `UPDATE cluster.tasks SET status = 'running', attempts = greatest(attempts, $3), started_at = coalesce(started_at, $4) WHERE job_id = $1 AND task_id = $2`,
        [event.jobId, event.taskId, event.attempt, at],
      );
      return undefined;
    case 'TaskSucceeded':
      await manager.query(`UPDATE cluster.tasks SET status = 'successful', failure = NULL, finished_at = $3 WHERE job_id = $1 AND task_id = $2`, [event.jobId, event.taskId, at]);
      return undefined;
    case 'TaskFailed':
      await manager.query(
        `UPDATE cluster.tasks SET status = 'failed', allowed_failure = $3, failure = $4, finished_at = $5 WHERE job_id = $1 AND task_id = $2`,
        [event.jobId, event.taskId, event.allowed, JSON.stringify(event.failure), at],
      );
      return undefined;
    case 'JobCompleted':
      await manager.query(`UPDATE cluster.jobs SET status = $2, failed_task_id = $3, failure = $4, finished_at = $5 WHERE id = $1`, [
        event.jobId,
        event.status,
        event.failedTaskId,
        event.failure ? JSON.stringify(event.failure) : null,
        at,
      ]);
      await update(manager, stored, { failed_job_id: event.status === 'failed' ? event.jobId : null });
      // The blueprint a cluster runs is the one of its last successful create, upgrade, update-env,
      // scaling or resize (a chart cluster's scaling and resizing change its values and replicas).
      await manager.query(
        `UPDATE cluster.clusters SET spec_job_id = $2 WHERE id = $1 AND $3 = 'successful'
           AND (SELECT action FROM cluster.jobs WHERE id = $2) IN ('create', 'upgrade', 'updateEnv', 'addNodes', 'deleteNodes', 'resize')`,
        [stored.clusterId, event.jobId, event.status],
      );
      return undefined;
    case 'JobRollbackPlanned': {
      const offset = ((await manager.query(`SELECT coalesce(max(layer), -1) + 1 AS n FROM cluster.tasks WHERE job_id = $1`, [event.jobId])) as Array<{ n: number }>)[0]?.n ?? 0;
      await insertTasks(manager, stored.clusterId, event.jobId, event.plan, offset, true);
      await manager.query(`UPDATE cluster.jobs SET rollback_status = 'running' WHERE id = $1`, [event.jobId]);
      return undefined;
    }
    case 'JobRollbackCompleted':
      await manager.query(`UPDATE cluster.jobs SET rollback_status = $2 WHERE id = $1`, [event.jobId, event.status]);
      return undefined;
    case 'JobRetried':
      await manager.query(
        `UPDATE cluster.jobs SET status = 'running', retries = retries + 1, failed_task_id = NULL, failure = NULL, finished_at = NULL, run_id = $2 WHERE id = $1`,
        [event.jobId, event.runId],
      );
      await manager.query(`UPDATE cluster.tasks SET status = 'pending', failure = NULL, finished_at = NULL WHERE job_id = $1 AND layer >= $2 AND status <> 'successful'`, [
        event.jobId,
        event.fromLayer,
      ]);
      return update(manager, stored, { failed_job_id: null });
    default:
      return undefined;
  }
}

async function insertTasks(manager: EntityManager, clusterId: string, jobId: string, plan: Plan, offset: number, rollback: boolean): Promise<void> {
  for (const task of plan.tasks) {
    const layer = offset + plan.layers.findIndex((ids) => ids.includes(task.id));
    await manager.query(
      `INSERT INTO cluster.tasks (job_id, task_id, cluster_id, layer, type, title, node_id, status, attempts, rollback)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8) ON CONFLICT DO NOTHING`,
      [jobId, task.id, clusterId, layer, task.spec.type, task.title, taskNodeId(task), rollback],
    );
  }
}
