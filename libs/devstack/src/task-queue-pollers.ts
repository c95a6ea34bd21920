import { execFile } from 'node:child_process';

/** Where a task queue lives, and the Temporal CLI that asks about it. */
export interface TaskQueueTarget {
  /** The Temporal CLI (the same binary that runs the dev server). */
  readonly binary: string;
  /** host:port of the Temporal frontend. */
  readonly address: string;
  readonly namespace: string;
  readonly taskQueue: string;
}

/** A worker Temporal has seen polling the queue recently. */
export interface TaskQueuePoller {
  readonly identity: string;
  /** workflow, activity or nexus. */
  readonly taskQueueType: string;
}

/**
 * The pollers Temporal lists for a task queue (DescribeTaskQueue, through `temporal task-queue
 * describe`, over every partition). The CLI rather than an SDK client: the dev stack already
 * builds it, and it keeps this library free of the Temporal SDK. Rejects with the CLI's own error
 * when Temporal does not answer within `timeoutMs`.
 */
export function describeTaskQueuePollers(target: TaskQueueTarget, timeoutMs = 5_000): Promise<TaskQueuePoller[]> {
  const args = ['task-queue', 'describe', '--address', target.address, '--namespace', target.namespace, '--task-queue', target.taskQueue, '--disable-stats', '--output', 'json'];
  return new Promise((resolve, reject) => {
    execFile(target.binary, args, { timeout: timeoutMs }, (err, stdout, stderr) => {
      if (err) {
        reject(new Error(`temporal task-queue describe: ${stderr.trim() || err.message}`));
        return;
      }
      try {
        const body = JSON.parse(stdout) as { pollers?: Array<{ identity?: string; taskQueueType?: string }> | null };
        resolve((body.pollers ?? []).map((p) => ({ identity: p.identity ?? '', taskQueueType: p.taskQueueType ?? '' })));
      } catch {
        reject(new Error(`temporal task-queue describe printed no JSON: ${stdout.slice(0, 200)}`));
      }
    });
  });
}
