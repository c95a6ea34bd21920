/** How long to wait between attempts: `firstMs`, doubling after each failure up to `maxMs`. */
export interface BackoffPolicy {
  readonly firstMs: number;
  readonly maxMs: number;
  /** A run at least this long was healthy: the next failure waits `firstMs` again. */
  readonly healthyMs: number;
}

/**
 * The leaf server's restart policy: 1 s, 2 s, 4 s ... up to 60 s. At the cap a server that can
 * never start (its address is taken) costs one short-lived nats-server a minute instead of five a
 * second, while a free address is picked up within a minute. A run of 60 s (as long as the cap)
 * resets it, so a crash after a long healthy run is retried in 1 s but a server that dies every
 * few seconds still backs off to the cap.
 */
export const LEAF_RESTART_BACKOFF: BackoffPolicy = { firstMs: 1_000, maxMs: 60_000, healthyMs: 60_000 };

/** Exponential back-off with a cap, reset by a healthy run. Pure: the caller does the waiting. */
export class Backoff {
  private nextMs: number;

  constructor(private readonly policy: BackoffPolicy) {
    this.nextMs = policy.firstMs;
  }

  /** The delay before the next attempt, after a run that stayed up `ranMs` (0 when it never came up). */
  next(ranMs = 0): number {
    if (ranMs >= this.policy.healthyMs) this.nextMs = this.policy.firstMs;
    const delay = this.nextMs;
    this.nextMs = Math.min(delay * 2, this.policy.maxMs);
    return delay;
  }
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
