import { spawn } from 'node:child_process';
import type { FailureDigest } from './failure-digest.js';

/**
 * Runs one command with its output passed through (and, given a digest, also fed to it);
 * resolves with its exit code and duration.
 */
export function runStep(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env, digest?: FailureDigest): Promise<{ code: number; ms: number }> {
  const started = Date.now();
  console.log(`\n▶ ${title}: ${command} ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: digest ? ['inherit', 'pipe', 'pipe'] : 'inherit', env });
    if (digest) {
      child.stdout!.on('data', (chunk: Buffer) => {
        process.stdout.write(chunk);
        digest.feed('stdout', chunk.toString());
      });
      child.stderr!.on('data', (chunk: Buffer) => {
        process.stderr.write(chunk);
        digest.feed('stderr', chunk.toString());
      });
    }
    child.once('error', (err) => {
      console.error(`cannot run ${command}: ${err.message}`);
      resolve({ code: 127, ms: Date.now() - started });
    });
    child.once('exit', (code, signal) => {
      const ms = Date.now() - started;
      console.log(`◀ ${title}: ${code === 0 ? 'ok' : `failed (${code ?? signal})`} in ${(ms / 1000).toFixed(1)} s`);
      resolve({ code: code ?? 1, ms });
    });
  });
}

/** Runs `npx nx ...` with Nx Cloud, the daemon and the TUI off. */
export function runNx(title: string, args: string[], env: NodeJS.ProcessEnv = process.env, digest?: FailureDigest) {
  return runStep(
    title,
    'npx',
    ['nx', ...args, '--output-style=stream'],
    {
      ...env,
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      NX_TUI: 'false',
    },
    digest,
  );
}
