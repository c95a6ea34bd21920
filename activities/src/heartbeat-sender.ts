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
 * cancelled: it throws `CancelledFailure` once the cancellation has reached the activity.
 */
export function interruptibleHeartbeat(): (details?: unknown) => void {
  const context = Context.current();
  return (details) => {
    context.heartbeat(details);
    if (context.cancellationSignal.aborted) throw new CancelledFailure('the job was cancelled');
  };
}
