/**
 * The command wrapper: one per command, started detached by the drone, in its own session so
 * it outlives a drone that crashes or restarts. It runs the command in a new process group as the
 * requested user, sends its output to files, kills the whole group at the timeout, and records the
 * exit on disk, where a restarted drone finds it. It must not depend on anything but Node.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';

const KILL_GRACE_MS = 5_000;
const dir = process.argv[2] as string;

function writeJson(name: string, value: unknown): void {
  writeFileSync(join(dir, `${name}.tmp`), JSON.stringify(value), { mode: 0o600 });
  renameSync(join(dir, `${name}.tmp`), join(dir, name));
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

function main(): void {
  const spec = JSON.parse(readFileSync(join(dir, 'spec.json'), 'utf8')) as { cmd: string; cwd: string; env: Record<string, string>; uid: number; gid: number; timeoutMs: number };
  writeJson('wrapper.json', { pid: process.pid });
  const stdout = openSync(join(dir, 'stdout'), 'a', 0o600);
  const stderr = openSync(join(dir, 'stderr'), 'a', 0o600);
  let timedOut = false;
  let finished = false;
  const finish = (exitCode: number, signal: string) => {
    if (finished) return;
    finished = true;
    writeJson('exit.json', { exitCode, signal, timedOut, finishedAt: Date.now() });
    process.exit(0);
  };
  const child = spawn('/bin/sh', ['-c', spec.cmd], { cwd: spec.cwd, env: spec.env, uid: spec.uid, gid: spec.gid, detached: true, stdio: ['ignore', stdout, stderr] });
  child.once('error', (err) => {
    writeSync(stderr, `pitrix: cannot run the command: ${err.message}\n`);
    finish(127, '');
  });
  child.once('spawn', () => writeJson('started.json', { pid: child.pid, startedAt: Date.now() }));
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child, 'SIGTERM');
    setTimeout(() => killGroup(child, 'SIGKILL'), KILL_GRACE_MS).unref();
  }, spec.timeoutMs);
  child.once('exit', (code, signal) => {
    clearTimeout(timer);
    if (timedOut) killGroup(child, 'SIGKILL');
    finish(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0), signal ?? '');
  });
}

for (const signal of ['SIGHUP', 'SIGINT', 'SIGPIPE'] as const) process.on(signal, () => undefined);
main();
