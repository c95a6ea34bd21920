/** The value at percentile `p` (0-100) of `samples` (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/** Times `round` sequential calls of `call`, in milliseconds each. */
export async function timeEach(count: number, call: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await call(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Prints one `name: value` line (with its target when it has one). */
export function report(name: string, value: number | string, target?: number): void {
  const shown = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(3)) : value;
  console.log(target === undefined ? `${name}: ${shown}` : `${name}: ${shown} (target: ${target})`);
}

/** Resident memory of this process in KiB, after a garbage collection when one can be forced. */
export function residentKiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 1024;
}

/** Resident memory of process `pid` in KiB (from /proc). */
export function processRssKiB(pid: number, read: (file: string) => string): number {
  const line = read(`/proc/${pid}/status`).split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0);
}
