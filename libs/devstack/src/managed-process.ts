import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A child process the dev stack started, with its log file and (optional) pid file. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Byte offset in `logFile` where this process's output begins: the log is appended to across runs. */
  readonly logStart: number;
  /** True until the process has exited. */
  isAlive(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once (used by chaos tests). */
  kill(): Promise<void>;
  /** Resolves with the exit code when the process exits. */
  readonly exited: Promise<number | null>;
}

/** How to start a managed process. */
export interface StartProcessOptions {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly logFile: string;
  readonly pidFile?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Forward the child's output to this process's stdout as well as the log file. */
  readonly echo?: boolean;
  /**
   * Run in its own process group, so a Ctrl-C reaches only the supervisor, which then stops
   * children in order. A detached child outlives a crashed supervisor; the pid file lets the
   * next start find and stop it.
   */
  readonly detached?: boolean;
}

/** Starts a process whose output goes to a log file; kills a stale one recorded in the pid file first. */
export async function startProcess(options: StartProcessOptions): Promise<ManagedProcess> {
  if (options.pidFile) await stopStaleProcess(options.pidFile, options.command);
  mkdirSync(dirname(options.logFile), { recursive: true });
  const out = openSync(options.logFile, 'a');
  const logStart = fstatSync(out).size;
  const child = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: options.detached ?? false,
    stdio: ['ignore', options.echo ? 'pipe' : out, options.echo ? 'pipe' : out],
  });
  closeSync(out);
  if (options.echo) pipeTo(child, options.logFile, options.name);
  const pid = await spawned(child, options.name);
  if (options.pidFile) {
    mkdirSync(dirname(options.pidFile), { recursive: true });
    writeFileSync(options.pidFile, `${pid}\n`);
  }
  return wrap(child, pid, logStart, options);
}

function pipeTo(child: ChildProcess, logFile: string, name: string): void {
  const log = openSync(logFile, 'a');
  const forward = (chunk: Buffer) => {
    writeFileSync(log, chunk);
    for (const line of chunk.toString().split('\n')) if (line) process.stdout.write(`[${name}] ${line}\n`);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  child.once('exit', () => closeSync(log));
}

function spawned(child: ChildProcess, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('error', (err) => reject(new Error(`cannot start ${name}: ${err.message}`)));
    child.once('spawn', () => resolve(child.pid as number));
  });
}

function wrap(child: ChildProcess, pid: number, logStart: number, options: StartProcessOptions): ManagedProcess {
  let alive = true;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      alive = false;
      if (options.pidFile) rmSync(options.pidFile, { force: true });
      resolve(code);
    });
  });
  const stop = async (graceMs = 10_000) => {
    if (!alive) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const kill = async () => {
    if (!alive) return;
    child.kill('SIGKILL');
    await exited;
  };
  return { name: options.name, pid, logFile: options.logFile, logStart, isAlive: () => alive, stop, kill, exited };
}

/**
 * Stops a process left behind by an earlier run (its pid file survived a crash) and removes the
 * pid file. A pid that now belongs to another program (its command is not `command`) is left alone.
 */
export async function stopStaleProcess(pidFile: string, command: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isOurs(pid, command)) {
    rmSync(pidFile, { force: true });
    return;
  }
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && isRunning(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  rmSync(pidFile, { force: true });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isOurs(pid: number, command: string): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.split('\0')[0] === command;
  } catch {
    return false;
  }
}
