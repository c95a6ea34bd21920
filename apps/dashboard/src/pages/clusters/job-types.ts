import type { ResultOf } from '../../graphql.js';
import type { DagLayer } from '../../components/TaskDag.js';
import type { JOB_QUERY } from './job-queries.js';

export type JobView = ResultOf<typeof JOB_QUERY>['job'];
export type JobTaskView = JobView['layers'][number]['tasks'][number];

/** How long a task ran: start to finish, or to now while it runs; nothing before it starts. */
function taskSeconds(task: JobTaskView, now: number): number | undefined {
  if (!task.startedAt) return undefined;
  const end = task.finishedAt ? Date.parse(task.finishedAt) : now;
  return Math.max(0, (end - Date.parse(task.startedAt)) / 1000);
}

/** A job's layers as TaskDag draws them: title, node (or kind), status and time taken. */
export function jobLayers(job: JobView, now: number): DagLayer[] {
  return job.layers.map((layer) => ({
    tasks: layer.tasks.map((task) => ({
      id: task.id,
      label: task.title,
      detail: task.nodeId ? `${task.type} · ${task.nodeId}` : task.type,
      status: task.status,
      seconds: taskSeconds(task, now),
    })),
  }));
}

export function findTask(job: JobView, taskId: string | undefined): JobTaskView | undefined {
  if (!taskId) return undefined;
  for (const layer of job.layers) for (const task of layer.tasks) if (task.id === taskId) return task;
  return undefined;
}

/** Seconds from start to finish, or to now while it runs. */
export function elapsedSeconds(job: JobView, now: number): number | undefined {
  if (!job.startedAt) return undefined;
  const end = job.finishedAt ? Date.parse(job.finishedAt) : now;
  return Math.max(0, (end - Date.parse(job.startedAt)) / 1000);
}
