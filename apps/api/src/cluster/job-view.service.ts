import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@pitrix/config';
import { ClusterReadModel, type JobRow, type TaskRow } from '@pitrix/cluster-store';
import { CLUSTER_JOB_PROGRESS_QUERY, clusterWorkflowId, type ClusterJobProgress } from '@pitrix/workflow-contract';
import type { Client } from '@temporalio/client';
import { API_CONFIG, TEMPORAL_CLIENT } from '../clients/tokens.js';
import { temporalUiWorkflowUrl } from '../system/temporal-links.js';
import { toFailure, toTask } from './cluster.mapper.js';
import type { Job, JobLayer, JobTask } from './models/job.model.js';

const LIVE_QUERY_TIMEOUT_MS = 3_000;

/**
 * Builds job views: the read model for what is recorded, and, while a job runs, its workflow's
 * progress query for the live status of every task (a query answers even between events).
 */
@Injectable()
export class JobViewService {
  constructor(
    private readonly reads: ClusterReadModel,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Link to a workflow run in the Temporal UI. */
  temporalUrl(workflowId: string, runId: string): string {
    return temporalUiWorkflowUrl(this.config.temporal, workflowId, runId);
  }

  /** The full view of a recorded job. */
  async view(row: JobRow): Promise<Job> {
    const tasks = await this.reads.tasks(row.id);
    const live = row.status === 'running' ? await this.liveProgress(row) : undefined;
    return {
      id: row.id,
      clusterId: row.clusterId,
      action: row.action,
      status: row.status,
      live: live !== undefined,
      phase: live?.phase ?? (row.status === 'running' ? 'running' : 'done'),
      currentLayer: live?.currentLayer ?? currentLayerOf(tasks),
      workflowId: row.workflowId,
      runId: row.runId,
      temporalUrl: this.temporalUrl(row.workflowId, row.runId),
      owner: row.owner,
      failedTaskId: row.failedTaskId,
      failure: toFailure(row.failure),
      rollbackStatus: row.rollbackStatus,
      retries: row.retries,
      startedAt: new Date(row.startedAt),
      finishedAt: row.finishedAt ? new Date(row.finishedAt) : null,
      layers: layersOf(live?.layers ?? row.layers, tasks, live),
    };
  }

  /** The view of a job accepted whose workflow has not recorded its start yet. */
  accepted(jobId: string, clusterId: string, action: string, owner: string): Job {
    const workflowId = clusterWorkflowId(clusterId);
    return {
      id: jobId, clusterId, action, status: 'pending', live: false, phase: 'starting', currentLayer: -1, workflowId, runId: '',
      temporalUrl: this.temporalUrl(workflowId, ''), owner, failedTaskId: null, failure: null, rollbackStatus: null, retries: 0,
      startedAt: null, finishedAt: null, layers: [],
    };
  }

  private async liveProgress(row: JobRow): Promise<ClusterJobProgress | undefined> {
    try {
      const handle = this.temporal.workflow.getHandle(row.workflowId);
      const progress = await withTimeout(handle.query<ClusterJobProgress>(CLUSTER_JOB_PROGRESS_QUERY), LIVE_QUERY_TIMEOUT_MS);
      // The cluster's workflow id is shared by its jobs: make sure the answer is about this one.
      return progress.jobId === row.id ? progress : undefined;
    } catch {
      return undefined;
    }
  }
}

function layersOf(layers: readonly (readonly string[])[], tasks: TaskRow[], live: ClusterJobProgress | undefined): JobLayer[] {
  const byId = new Map(tasks.map((task) => [task.taskId, task]));
  return layers.map((ids, index) => ({
    index,
    tasks: ids.map((id): JobTask => {
      const row = byId.get(id);
      const base = row ? toTask(row) : pendingTask(id, index, live?.titles[id] ?? id);
      const status = live?.tasks[id];
      return status ? { ...base, status } : base;
    }),
  }));
}

function pendingTask(id: string, layer: number, title: string): JobTask {
  return { id, layer, type: id.split('/')[0] ?? id, title, nodeId: null, status: 'pending', attempts: 0, allowedFailure: false, rollback: false, failure: null, startedAt: null, finishedAt: null };
}

function currentLayerOf(tasks: TaskRow[]): number {
  const started = tasks.filter((task) => task.status !== 'pending').map((task) => task.layer);
  return started.length > 0 ? Math.max(...started) : -1;
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
