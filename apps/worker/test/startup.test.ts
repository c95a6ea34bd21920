import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const workerMain = join(__dirname, '../dist/main.js');
const unreachableDatabase = 'postgres://pitrix@127.0.0.1:1/pitrix';

/** Runs the built worker with extra env vars until it exits; returns its exit code and stderr. */
function runWorker(env: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [workerMain], { env: { ...process.env, PITRIX_DATABASE_URL: unreachableDatabase, ...env } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the worker did not exit within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('the worker and the development master key', () => {
  it('refuses it outside development mode, before anything connects, naming PITRIX_SECRET_KEYS', async () => {
    const { code, stderr } = await runWorker({ PITRIX_DEV_MODE: 'false', PITRIX_SECRET_KEYS: '' });
    expect(code).toBe(1);
    expect(stderr).toContain('pitrix worker: PITRIX_SECRET_KEYS: the development master key is refused outside development mode');
  });

  it.each([
    ['a real key', { PITRIX_DEV_MODE: 'false', PITRIX_SECRET_KEYS: `prod-1:${Buffer.alloc(32, 9).toString('base64')}` }],
    ['development mode', { PITRIX_DEV_MODE: 'true', PITRIX_SECRET_KEYS: '' }],
  ])('accepts %s: start-up goes on to the database', async (_case, env) => {
    const { code, stderr } = await runWorker(env);
    expect(code).toBe(1);
    expect(stderr).toContain('PITRIX_DATABASE_URL');
    expect(stderr).not.toContain('development master key');
  });
});
