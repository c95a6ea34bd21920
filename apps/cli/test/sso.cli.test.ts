import { apiUrl, startApi } from '@pitrix/api';
import { freePort } from '@pitrix/devstack';
import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { signInThroughProvider, startTestOidcProvider, type TestOidcProvider } from '@pitrix/testing/oidc';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = join(__dirname, '../bin/pitrix.js');

describe('pitrix login --sso through a real OpenID provider', () => {
  let api: ApiHarness;
  let provider: TestOidcProvider;
  let folder: string;

  beforeAll(async () => {
    // The API needs the issuer's address before the provider can know the API's: a port reserved first.
    const port = await freePort();
    api = await startApiHarness('cli_sso', { startApi, apiUrl }, {
      env: { PITRIX_OIDC_ISSUER: `http://127.0.0.1:${port}`, PITRIX_OIDC_CLIENT_ID: 'pitrix-cli', PITRIX_OIDC_CLIENT_SECRET: 'cli-secret', PITRIX_OIDC_GROUP_MAP: 'ops=:reviewer' },
    });
    provider = await startTestOidcProvider({
      port,
      clientId: 'pitrix-cli',
      clientSecret: 'cli-secret',
      redirectUris: [`${api.url.replace(/\/graphql$/, '')}/auth/sso/callback`],
      accounts: { rosa: { name: 'Rosa R', groups: ['ops'] } },
    });
    folder = mkdtempSync(join(tmpdir(), 'pitrix-cli-sso-'));
  }, 120_000);
  afterAll(async () => {
    await provider?.close();
    await api?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('signs in in the browser, receives its token at its loopback address and stores it', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PITRIX_CONFIG_DIR: folder };
    delete env.PITRIX_TOKEN;
    const child = spawn(process.execPath, [bin, '--api', api.url, 'login', '--sso', '--no-browser'], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // The CLI prints the address to open; the test plays the browser from there.
    const address = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /(http:\/\/\S+\/auth\/sso\/start\?\S+)/.exec(stderr);
        if (match) resolve(match[1]!);
      });
      void exited.then(() => reject(new Error(`pitrix exited before printing the address: ${stderr}`)));
    });
    const start = await fetch(address, { redirect: 'manual' });
    const callback = await signInThroughProvider(start.headers.get('location')!, 'rosa');
    const back = await fetch(callback, { redirect: 'manual' });
    const loopback = back.headers.get('location')!;
    expect(loopback).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\?code=/);
    const page = await fetch(loopback);
    expect(page.status).toBe(200);
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/Logged in as rosa \(reviewer\)/);
    const stored = JSON.parse(readFileSync(join(folder, 'credentials.json'), 'utf8')) as Record<string, { token: string; login: string }>;
    expect(stored[api.url]).toMatchObject({ login: 'rosa', token: expect.stringMatching(/^pxt_/) });
    const me = await api.graphql<{ me: { user: { login: string }; roles: string[] } }>('{ me { user { login } roles } }', {}, { authorization: `Bearer ${stored[api.url]!.token}` });
    expect(me.data?.me).toEqual({ user: { login: 'rosa' }, roles: ['reviewer'] });
  }, 120_000);
});
