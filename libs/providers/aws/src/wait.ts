/** How long and how often to poll EC2 while a state change completes. */
export interface WaitTiming {
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

/**
 * Polls `read` until `done` holds and returns that value. EC2 changes state asynchronously, so
 * every create, start and stop is followed by a wait. Running out of time is a plain error: the
 * activity is retried, and the retry finds the resource by its client token and waits again.
 */
export async function waitUntil<T>(what: string, timing: WaitTiming, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + timing.timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() >= deadline) throw new Error(`Timed out after ${Math.round(timing.timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, timing.intervalMs));
  }
}
