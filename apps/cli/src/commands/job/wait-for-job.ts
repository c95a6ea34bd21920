import type { GraphQLClient } from '../../graphql-client.js';
import type { Output } from '../../output.js';
import { JOB_QUERY, type FailureView, type JobView, type TaskView } from './job-queries.js';

const TERMINAL = new Set(['successful', 'failed', 'cancelled']);
const TAIL_LINES = 20;

/**
 * Follows a job until it ends, printing each layer as it starts and each task as its status
 * changes (to stderr; `--json` prints only the final job). Resolves with the successful job;
 * a failed job throws an error naming the failed task, its node, exit code and output tail.
 */
export async function waitForJob(api: GraphQLClient, out: Output, jobId: string, options: { intervalMs?: number } = {}): Promise<JobView> {
  const seen = new Map<string, string>();
  let layer = -1;
  for (;;) {
    const { job } = await api.request<{ job: JobView }>(JOB_QUERY, { id: jobId });
    for (const current of job.layers) {
      for (const task of current.tasks) {
        if (seen.get(task.id) === task.status || task.status === 'pending') continue;
        if (current.index !== layer) {
          layer = current.index;
          out.progress(`layer ${current.index + 1}/${job.layers.length}`);
        }
        seen.set(task.id, task.status);
        out.progress(`  ${task.status.padEnd(10)} ${task.title}${task.nodeId ? ` (${task.nodeId})` : ''}`);
      }
    }
    if (TERMINAL.has(job.status)) {
      if (job.status === 'successful') return job;
      throw new Error(describeFailure(job));
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
  }
}

/** What an operator needs to see about a failed job. */
export function describeFailure(job: JobView): string {
  const task = job.layers.flatMap((layer) => layer.tasks).find((t) => t.id === job.failedTaskId);
  const lines = [`job ${job.id} (${job.action} of ${job.clusterId}) ${job.status}`];
  if (task) lines.push(`  task:      ${task.title} [${task.id}]`, `  node:      ${task.nodeId ?? '-'}`);
  lines.push(...failureLines(job.failure ?? task?.failure ?? null));
  lines.push(`  history:   ${job.temporalUrl}`, `  retry:     pitrix job retry ${job.id}   or roll back: pitrix job rollback ${job.id}`);
  return lines.join('\n');
}

function failureLines(failure: FailureView | null): string[] {
  if (!failure) return [];
  const lines = [`  error:     ${failure.message} [${failure.code}]`];
  if (failure.exitCode !== null) lines.push(`  exit code: ${failure.exitCode}`);
  for (const [name, text] of [['stdout', failure.stdoutTail], ['stderr', failure.stderrTail]] as const) {
    if (text) lines.push(`  ${name} (last ${TAIL_LINES} lines):`, ...text.trimEnd().split('\n').slice(-TAIL_LINES).map((line) => `    ${line}`));
  }
  return lines;
}

/** One line per task: status, title, node. */
export function taskLines(tasks: TaskView[]): string[] {
  return tasks.map((task) => `  ${task.status.padEnd(10)} ${task.title}${task.nodeId ? ` (${task.nodeId})` : ''}`);
}
