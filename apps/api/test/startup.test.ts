import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { testTemporalTarget } from '@pitrix/testing';
import { describe, expect, it } from 'vitest';

const apiMain = join(__dirname, '../dist/main.js');
/** The server's own `postgres` database exists on every PostgreSQL, so this URL always connects. */
const reachableDatabase = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs the built API with extra env vars until it exits; returns its exit code and stderr. */
function runApi(env: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [apiMain], { env: { ...process.env, PITRIX_API_PORT: '0', PITRIX_DEV_MODE: 'true', ...env } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the API did not exit within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('bad configuration stops start-up with one clear message naming the setting', () => {
  it.each([
    ['an unparseable port', { PITRIX_API_PORT: 'eighty' }, 'PITRIX_API_PORT: expected an integer from 0 to 65535, found "eighty"'],
    ['a malformed database URL', { PITRIX_DATABASE_URL: 'not a url' }, 'PITRIX_DATABASE_URL: expected a URL with scheme postgres or postgresql'],
    ['an unreachable database', { PITRIX_DATABASE_URL: 'postgres://pitrix:s3cret@127.0.0.1:1/pitrix' }, 'PITRIX_DATABASE_URL: cannot connect to PostgreSQL at postgres://pitrix:***@127.0.0.1:1/pitrix'],
    ['an unreachable Temporal', { PITRIX_DATABASE_URL: reachableDatabase, PITRIX_TEMPORAL_ADDRESS: '127.0.0.1:1' }, 'PITRIX_TEMPORAL_ADDRESS: cannot connect to Temporal at 127.0.0.1:1'],
    ['an unreachable NATS hub', { PITRIX_DATABASE_URL: reachableDatabase, PITRIX_NATS_URL: 'nats://127.0.0.1:1' }, 'PITRIX_NATS_URL: cannot connect to the NATS hub at nats://127.0.0.1:1'],
  ])('%s', async (_case, env, message) => {
    const { code, stderr } = await runApi({ PITRIX_TEMPORAL_ADDRESS: testTemporalTarget().address, ...env });
    expect(code).toBe(1);
    expect(stderr).toContain(message);
    expect(stderr).not.toContain('s3cret');
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('the development master key outside development mode', () => {
  const realKey = `prod-1:${Buffer.alloc(32, 7).toString('base64')}`;
  const unreachableDatabase = 'postgres://pitrix@127.0.0.1:1/pitrix';

  it('is refused before anything connects, with a message naming PITRIX_SECRET_KEYS', async () => {
    const { code, stderr } = await runApi({ PITRIX_DEV_MODE: 'false', PITRIX_SECRET_KEYS: '', PITRIX_DATABASE_URL: unreachableDatabase });
    expect(code).toBe(1);
    expect(stderr).toContain('PITRIX_SECRET_KEYS: the development master key is refused outside development mode');
    expect(stderr).not.toContain('DpoFFeiMPxQeBtPa');
  });

  it.each([
    ['a real key', { PITRIX_DEV_MODE: 'false', PITRIX_SECRET_KEYS: realKey }],
    ['development mode', { PITRIX_DEV_MODE: 'true', PITRIX_SECRET_KEYS: '' }],
  ])('is not in the way with %s: start-up goes on to the database', async (_case, env) => {
    const { code, stderr } = await runApi({ ...env, PITRIX_DATABASE_URL: unreachableDatabase });
    expect(code).toBe(1);
    expect(stderr).toContain('PITRIX_DATABASE_URL: cannot connect to PostgreSQL');
  });
});
