import { heartbeat } from '@temporalio/activity';

/**
 * Runs `work` while heartbeating every `everyMs`, so a long provider call (a stop that waits for
 * a process, a cloud call that polls) is not mistaken for a dead worker.
 */
export async function whileHeartbeating<T>(work: () => Promise<T>, everyMs = 2_000): Promise<T> {
  const timer = setInterval(() => heartbeat(), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
