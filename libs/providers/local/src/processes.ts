import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A process an instance runs, identified by pid and kernel start time (pids get reused). */
export interface ProcessHandle {
  readonly pid: number;
  readonly startTicks: number;
}

/** How to start an instance's process. */
export interface ProcessSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly logFile: string;
}

/**
 * Starts a detached process in its own process group with output to its log file. It outlives
 * the worker that started it, which is the point: instances survive a worker restart.
 */
export function startDetached(spec: ProcessSpec): Promise<ProcessHandle> {
  mkdirSync(dirname(spec.logFile), { recursive: true });
  const log = openSync(spec.logFile, 'a');
  return new Promise((resolve, reject) => {
    const child = spawn(spec.command, [...spec.args], { cwd: spec.cwd, env: spec.env, detached: true, stdio: ['ignore', log, log] });
    child.once('error', (err) => {
      closeSync(log);
      reject(new Error(`cannot start ${spec.command}: ${err.message}`));
    });
    child.once('spawn', () => {
      closeSync(log);
      child.unref();
      const pid = child.pid as number;
      resolve({ pid, startTicks: startTicksOf(pid) ?? 0 });
    });
  });
}

/** True when the process still runs and is the same one (same start time). */
export function isRunning(handle: ProcessHandle | undefined): boolean {
  if (!handle) return false;
  const ticks = startTicksOf(handle.pid);
  if (ticks === undefined || ticks !== handle.startTicks) return false;
  return !isZombie(handle.pid);
}

/** Stops the process group: SIGTERM, then SIGKILL after `graceMs`. Resolves once it is gone. */
export async function stopGroup(handle: ProcessHandle | undefined, graceMs = 10_000): Promise<void> {
  if (!isRunning(handle)) return;
  const pid = (handle as ProcessHandle).pid;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isRunning(handle) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (isRunning(handle)) signalGroup(pid, 'SIGKILL');
  while (isRunning(handle)) await new Promise((r) => setTimeout(r, 20));
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** Kernel start time of a process (field 22 of /proc/<pid>/stat), or undefined when it is gone. */
function startTicksOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[19]);
  } catch {
    return undefined;
  }
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}
