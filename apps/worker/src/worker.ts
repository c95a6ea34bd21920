import { createActivities, type ActivityDeps } from '@pitrix/activities';
import { toApplicationFailure } from '@pitrix/errors';
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { ActivityInboundCallsInterceptor, ActivityExecuteInput, ActivityInterceptorsFactory, Next } from '@temporalio/worker';

/** What it takes to run a Pitrix worker. */
export interface PitrixWorkerOptions {
  readonly connection: NativeConnection;
  readonly namespace: string;
  readonly taskQueue: string;
  readonly deps: ActivityDeps;
  readonly workflowBundle: { code: string };
  readonly identity?: string;
  readonly maxConcurrentActivities?: number;
  /** Interceptors around every activity, after the one that maps Pitrix errors (tests use them to hold a task). */
  readonly activityInterceptors?: readonly ActivityInterceptorsFactory[];
}

/** Creates a worker polling one task queue with every workflow and activity registered. */
export async function createPitrixWorker(options: PitrixWorkerOptions): Promise<Worker> {
  const workerOptions: WorkerOptions = {
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle,
    activities: createActivities(options.deps),
    ...(options.identity ? { identity: options.identity } : {}),
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivities ?? 100,
    shutdownGraceTime: '10 seconds',
    // Cancellation reaches an activity with the answer to a heartbeat; waits interrupted by a
    // cancelled job should stop within seconds, not the default 30-60 s.
    maxHeartbeatThrottleInterval: '3 seconds',
    interceptors: { activity: [() => ({ inbound: new PitrixErrorInterceptor() }), ...(options.activityInterceptors ?? [])] },
  };
  return Worker.create(workerOptions);
}

/** Turns Pitrix errors thrown by activities into ApplicationFailures carrying their code. */
class PitrixErrorInterceptor implements ActivityInboundCallsInterceptor {
  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    try {
      return await next(input);
    } catch (err) {
      throw toApplicationFailure(err);
    }
  }
}
