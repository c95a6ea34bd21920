import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STACK_READY_PREFIX, type StackInfo } from './stack-info.js';

const HERE = dirname(fileURLToPath(import.meta.url));
// PITRIX_DASHBOARD_DIR serves another build (a second checkout's, or one made with `vite build --outDir`).
const DASHBOARD_DIST = process.env['PITRIX_DASHBOARD_DIR'] || resolve(HERE, '..', '..', 'dist');
const READY_WITHIN_MS = 300_000;

/** A running stack process and how to stop it. */
export interface RunningStack {
  readonly info: StackInfo;
  stop(): Promise<void>;
}

/** Starts serve-stack.ts in its own Node process (built packages, tsx for this file only) and waits for its line. */
export async function startStack(): Promise<RunningStack> {
  if (!existsSync(join(DASHBOARD_DIST, 'index.html'))) throw new Error(`${DASHBOARD_DIST} has no built dashboard: run \`npm run build\` in apps/dashboard first`);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'serve-stack.ts')], { stdio: ['pipe', 'pipe', 'inherit'], env: process.env });
  const info = await new Promise<StackInfo>((resolveInfo, reject) => {
    const timer = setTimeout(() => reject(new Error(`the e2e stack did not start within ${READY_WITHIN_MS / 1000} s`)), READY_WITHIN_MS);
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith(STACK_READY_PREFIX)) {
          process.stdout.write(`${line}\n`);
          continue;
        }
        clearTimeout(timer);
        resolveInfo(JSON.parse(line.slice(STACK_READY_PREFIX.length)) as StackInfo);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the e2e stack process exited with ${code} before it was ready`));
    });
  });
  return {
    info,
    stop: () =>
      new Promise<void>((resolveStop) => {
        if (child.exitCode !== null) return resolveStop();
        const fallback = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.once('exit', () => {
          clearTimeout(fallback);
          resolveStop();
        });
        child.stdin!.end();
      }),
  };
}
