/** A scan that runs every interval and on demand, one run at a time. */
export interface PeriodicScan {
  /** One scan now, after any scan in progress (the timer scans every interval). */
  scan(): Promise<void>;
  /** Stops the timer and waits for the scan in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `scanOnce` every `intervalMs`. Scans are chained, so a slow one delays the next instead of
 * overlapping it; a failed scan is reported through `onError` (prefixed with `what`) and the next
 * one runs as usual.
 */
export function startPeriodicScan(intervalMs: number, what: string, scanOnce: () => Promise<void>, onError: (message: string) => void): PeriodicScan {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const scan = (): Promise<void> => {
    running = running.then(() => (stopped ? undefined : scanOnce())).catch((err: unknown) => onError(`${what} failed: ${(err as Error).message}`));
    return running;
  };
  const timer = setInterval(() => void scan(), intervalMs);
  return {
    scan,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
