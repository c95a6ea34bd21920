import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { RunAsUser } from './commands/users.js';

/** How a short command ended. */
export interface ProbeResult {
  readonly exitCode: number;
  readonly timedOut: boolean;
  /** The last bytes of stdout and stderr together. */
  readonly output: string;
  /** The first bytes of stdout alone (what a monitor command prints). */
  readonly stdout: string;
}

const OUTPUT_BYTES = 2048;
const STDOUT_BYTES = 64 * 1024;

/**
 * Runs a short command that is not a lifecycle command (a health check, an action, a reload
 * command): `/bin/sh -c` in its own process group as `user`, killing the whole group at the
 * timeout. Not recorded in the command log: it is run again on the next check or change.
 */
export function runProbe(cmd: string, options: { env: Record<string, string>; cwd: string; user: RunAsUser; timeoutMs: number }): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let output = '';
    let stdout = '';
    let timedOut = false;
    const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-OUTPUT_BYTES));
    const keepStdout = (chunk: Buffer) => {
      if (stdout.length < STDOUT_BYTES) stdout = (stdout + chunk.toString('utf8')).slice(0, STDOUT_BYTES);
    };
    const child = spawn('/bin/sh', ['-c', cmd], { cwd: options.cwd, env: options.env, uid: options.user.uid, gid: options.user.gid, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', keep);
    child.stdout?.on('data', keepStdout);
    child.stderr?.on('data', keep);
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      resolve({ exitCode: 127, timedOut: false, output: `cannot run: ${err.message}`, stdout: '' });
    });
    // 'exit', not 'close': a daemon the command started may keep the pipes open for ever.
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) killGroup();
      setImmediate(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        resolve({ exitCode: code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0), timedOut, output, stdout });
      });
    });
  });
}
