import type { ManagedProcess } from './managed-process.js';

/** What one check found: ready, or not yet and why (shown when start-up gives up). */
export type ProbeResult = { readonly ready: true } | { readonly ready: false; readonly reason: string };

/** One thing start-up waits for. `check` answers within a few seconds and never throws. */
export interface ReadinessProbe {
  /** For people: "the GraphQL API at http://127.0.0.1:4000/graphql". */
  readonly what: string;
  check(): Promise<ProbeResult>;
}

/** How waiting ended: everything answered, a process exited, or time ran out with some still silent. */
export type Readiness =
  | { readonly state: 'READY' }
  | { readonly state: 'EXITED'; readonly process: ManagedProcess; readonly code: number | null }
  | { readonly state: 'TIMED_OUT'; readonly waiting: ReadonlyArray<{ readonly what: string; readonly reason: string }> };

/** Options of `waitUntilReady`. */
export interface WaitUntilReadyOptions {
  readonly probes: readonly ReadinessProbe[];
  /** Processes that must stay alive meanwhile; the first to exit ends the wait. */
  readonly processes: readonly ManagedProcess[];
  readonly timeoutMs: number;
  readonly intervalMs?: number;
}

/**
 * Polls every probe until all have answered once, while watching the processes: resolves READY
 * only if every probe answered and every process is still alive at that moment; EXITED as soon
 * as one process exits, even mid-probe; TIMED_OUT with each silent probe's last reason.
 */
export async function waitUntilReady(options: WaitUntilReadyOptions): Promise<Readiness> {
  let settled = false;
  const exit = Promise.race(options.processes.map((process) => process.exited.then((code): Readiness => ({ state: 'EXITED', process, code }))));
  const poll = async (): Promise<Readiness> => {
    const deadline = Date.now() + options.timeoutMs;
    const reasons = new Map(options.probes.map((probe) => [probe, 'not checked yet']));
    while (!settled) {
      const pending = [...reasons.keys()];
      const results = await Promise.all(pending.map((probe) => probe.check()));
      results.forEach((result, i) => (result.ready ? reasons.delete(pending[i]!) : reasons.set(pending[i]!, result.reason)));
      if (reasons.size === 0) {
        const dead = options.processes.find((process) => !process.isAlive());
        // The exit itself is reported by `exit`, which has the code.
        return dead ? exit : { state: 'READY' };
      }
      if (Date.now() >= deadline) return { state: 'TIMED_OUT', waiting: [...reasons].map(([probe, reason]) => ({ what: probe.what, reason })) };
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
    }
    return exit;
  };
  const outcome = await Promise.race([exit, poll()]);
  settled = true;
  return outcome;
}
