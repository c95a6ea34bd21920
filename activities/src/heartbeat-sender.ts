import { CancelledFailure, Context } from '@temporalio/activity';

/**
 * A heartbeat function bound to the current activity. `heartbeat()` finds its activity through
 * async context, which callbacks of other libraries (a NATS subscription) do not carry; a
 * function bound here works from anywhere until the activity ends.
 */
export function heartbeatSender(): (details?: unknown) => void {
  const context = Context.current();
  return (details) => context.heartbeat(details);
}

/**
 * A heartbeat function for waits, which change nothing and so may stop as soon as their job is
 * cancelled: it throws `JobCancelled` once that cancellation has reached the activity. Other
 * reasons an activity is told to stop (a worker shutting down, a heartbeat timeout) are left to
 * Temporal, which retries the task.
 */
export function interruptibleHeartbeat(): (details?: unknown) => void {
  const context = Context.current();
  return (details) => {
    context.heartbeat(details);
    throwIfJobCancelled(context);
  };
}

/** Thrown inside a task whose job was cancelled, where it stops early. */
export class JobCancelled extends CancelledFailure {
  constructor() {
    super('the job was cancelled');
  }
}

/** Throws `JobCancelled` when the cancellation of the task's job has reached the activity. */
export function throwIfJobCancelled(context: Context = Context.current()): void {
  if (context.cancellationSignal.aborted && context.cancellationDetails?.cancelRequested) throw new JobCancelled();
}
