import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { supervised } from '../src/agent-process.js';
import { isRunning, startDetached, stopGroup } from '../src/processes.js';

/*
 * The wrapper's delays are whole-second `sleep`s, so a measured delay (from one run's end to the
 * next run's start) is never shorter than the schedule and only longer by a few process starts
 * (date, sh, grep): we allow 50 ms below (clock granularity) and 1 s above, which still tells
 * 1 s from 2 s. The old wrapper waited 1 s every time, so the third delay (4 s) fails it.
 */
const BELOW_MS = 50;
const ABOVE_MS = 1_000;

const root = mkdtempSync(join(tmpdir(), 'pitrix-agent-supervisor-'));
const standIn = join(root, 'stand-in.sh');
// A stand-in agent: records each start (ms, GNU date, and its pid) and end, and plays the n-th
// step it is given on its n-th start: "fail" exits 1 at once, "runN" runs N s then exits 1, "ok" exits 0.
writeFileSync(
  standIn,
  [
    'dir=$1; shift',
    'echo "start $(date +%s%3N) $$" >> "$dir/events"',
    'n=$(grep -c "^start" "$dir/events")',
    'step=fail',
    'if [ "$n" -le "$#" ]; then shift $(( n - 1 )); step=$1; fi',
    'case $step in run*) sleep "${step#run}" ;; esac',
    'echo "end $(date +%s%3N)" >> "$dir/events"',
    '[ "$step" = ok ] && exit 0',
    'exit 1',
    '',
  ].join('\n'),
);

interface Run {
  readonly start: number;
  readonly pid: number;
  end?: number;
}

function runsOf(dir: string): Run[] {
  const file = join(dir, 'events');
  const runs: Run[] = [];
  for (const [event, at, pid] of existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').map((line) => line.split(' ')) : []) {
    if (event === 'start') runs.push({ start: Number(at), pid: Number(pid) });
    else runs[runs.length - 1].end = Number(at);
  }
  return runs;
}

/** The delay before each restart: from a run's end to the next run's start. */
const delaysOf = (runs: Run[]) => runs.slice(1).map((run, i) => run.start - (runs[i].end ?? NaN));

const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs the stand-in with `steps` under the wrapper, in its own process group; resolves with the wrapper's exit. */
async function supervise(steps: string[], backoff?: Parameters<typeof supervised>[1]) {
  const dir = mkdtempSync(join(root, 'run-'));
  const wrapper = supervised({ command: '/bin/sh', args: [standIn, dir, ...steps] }, backoff);
  const child = spawn(wrapper.command, wrapper.args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  started.push(child.pid as number);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, runs: runsOf(dir), said: [...stderr.matchAll(/restarting it in (\d+) s/g)].map((m) => Number(m[1])) };
}

function expectDelays(measured: number[], scheduleSeconds: number[]): void {
  expect(measured).toHaveLength(scheduleSeconds.length);
  measured.forEach((ms, i) => {
    expect(ms).toBeGreaterThanOrEqual(scheduleSeconds[i] * 1_000 - BELOW_MS);
    expect(ms).toBeLessThan(scheduleSeconds[i] * 1_000 + ABOVE_MS);
  });
}

describe("the local provider's agent wrapper", () => {
  it('restarts a failing agent after 1, 2, 4, 8 s by default, and exits when the agent exits 0', async () => {
    const { code, runs, said } = await supervise(['fail', 'fail', 'fail', 'fail', 'ok']);
    console.log(`default schedule, delays (ms): ${delaysOf(runs).join(', ')}`);
    expect(code).toBe(0);
    expect(runs).toHaveLength(5);
    expect(said).toEqual([1, 2, 4, 8]);
    expectDelays(delaysOf(runs), [1, 2, 4, 8]);
  }, 40_000);

  it('stops doubling at the cap, and starts from the first delay again after a healthy run only', async () => {
    // Cap 4 s, healthy after 3 s: "run1" (shorter) keeps the cap, "run4" (longer) resets it.
    const steps = ['fail', 'fail', 'fail', 'fail', 'run1', 'run4', 'fail', 'ok'];
    const { code, runs, said } = await supervise(steps, { firstSeconds: 1, maxSeconds: 4, healthySeconds: 3 });
    console.log(`cap 4 s, healthy 3 s, delays (ms): ${delaysOf(runs).join(', ')}`);
    expect(code).toBe(0);
    expect(said).toEqual([1, 2, 4, 4, 4, 1, 2]);
    expectDelays(delaysOf(runs), [1, 2, 4, 4, 4, 1, 2]);
  }, 50_000);

  it('stops with its process group, while the agent runs and while it waits to restart it', async () => {
    for (const [steps, settleMs] of [[['run30'], 500], [['fail', 'fail', 'fail'], 1_500]] as const) {
      const dir = mkdtempSync(join(root, 'stop-'));
      const handle = await startDetached({ ...supervised({ command: '/bin/sh', args: [standIn, dir, ...steps] }), env: { PATH: process.env.PATH }, cwd: dir, logFile: join(dir, 'wrapper.log') });
      started.push(handle.pid);
      // run30: the agent is in its 30 s run; fail x3: the wrapper is in its 2 s wait after the second start.
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      await stopGroup(handle, 2_000);
      const runs = runsOf(dir);
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(isRunning(handle)).toBe(false);
      expect(runsOf(dir)).toHaveLength(runs.length);
      for (const run of runs) expect(() => process.kill(run.pid, 0)).toThrow();
    }
  }, 30_000);
});
