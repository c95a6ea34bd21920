import { Context } from '@temporalio/activity';

/**
 * A heartbeat function bound to the current activity. `heartbeat()` finds its activity through
 * async context, which callbacks of other libraries (a NATS subscription) do not carry; a
 * function bound here works from anywhere until the activity ends.
 */
export function heartbeatSender(): (details?: unknown) => void {
  const context = Context.current();
  return (details) => context.heartbeat(details);
}
