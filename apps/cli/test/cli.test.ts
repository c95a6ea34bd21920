import { join } from 'node:path';
import { apiUrl, startApi } from '@pitrix/api';
import { freePort } from '@pitrix/devstack';
import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = join(__dirname, '../bin/pitrix.js');

/** The CLI signs in with PITRIX_TOKEN (the harness admin's token), so no stored credential is read. */
let cliEnv: NodeJS.ProcessEnv = process.env;

function pitrix(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: cliEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('pitrix CLI against the real API', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApiHarness('cli', { startApi, apiUrl });
    cliEnv = { ...process.env, PITRIX_TOKEN: api.adminToken };
  });
  afterAll(() => api.close());

  it('status --json prints the dependencies as JSON and exits 0', async () => {
    const { code, stdout } = await pitrix(['--api', api.url, '--json', 'status']);
    expect(code).toBe(0);
    const status = JSON.parse(stdout) as { healthy: boolean; dependencies: Array<{ name: string; state: string }> };
    expect(status.healthy).toBe(true);
    expect(status.dependencies.map((d) => `${d.name}=${d.state}`).sort()).toEqual(['nats=UP', 'postgresql=UP', 'temporal=UP']);
  });

  it('status prints a table for humans', async () => {
    const { code, stdout } = await pitrix(['--api', api.url, 'status']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^DEPENDENCY\s+STATE\s+VERSION\s+ADDRESS\s+REASON$/);
    expect(stdout).toMatch(/^temporal\s+UP\s+1\./m);
  });

  it('skeleton run --wait --json runs the workflow to completion', async () => {
    const { code, stdout, stderr } = await pitrix(['--api', api.url, '--json', 'skeleton', 'run', '--wait', '-m', 'from the cli']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const run = JSON.parse(stdout) as { status: string; workflowId: string; temporalUiUrl: string };
    expect(run.status).toBe('COMPLETED');
    expect(run.temporalUiUrl).toContain(run.workflowId);
  });

  it('an error from the API is printed with its code and exit code 1', async () => {
    const { code, stderr } = await pitrix(['--api', api.url, 'skeleton', 'show', 'skeleton-missing']);
    expect(code).toBe(1);
    expect(stderr).toContain('[SKELETON.RUN_NOT_FOUND]');
  });

  it('an unreachable API is reported clearly', async () => {
    const unused = `http://127.0.0.1:${await freePort()}/graphql`;
    const { code, stderr } = await pitrix(['--api', unused, 'status']);
    expect(code).toBe(1);
    expect(stderr).toContain(`cannot reach the Pitrix API at ${unused}: ECONNREFUSED`);
  });
});
