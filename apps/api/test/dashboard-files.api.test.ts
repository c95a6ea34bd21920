import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, startApi } from '../src/index.js';

describe('the API serves the built dashboard on its own origin', () => {
  let api: ApiHarness;
  let base: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pitrix-dashboard-files-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/assets/app-1a2b.js"></script>');
    writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log("dashboard")');
    api = await startApiHarness('api_dashboard_files', { startApi, apiUrl }, { env: { PITRIX_DASHBOARD_DIR: dir } });
    base = api.url.replace(/\/graphql$/, '');
    await api.userWithToken('gina', ['user'], { group: 'ops', password: 'correct horse battery' });
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers / and any page address with index.html under a strict Content-Security-Policy', async () => {
    for (const path of ['/', '/clusters/cl-1234', '/apps/app-1/deploy']) {
      const response = await fetch(`${base}${path}`, { headers: { accept: 'text/html' } });
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toContain('<div id="root">');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('serves hashed assets for good, and a missing asset is a 404, not the page', async () => {
    const asset = await fetch(`${base}/assets/app-1a2b.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toContain('dashboard');
    expect((await fetch(`${base}/assets/missing.js`, { headers: { accept: 'text/html' } })).status).toBe(404);
  });

  it('leaves /graphql and /auth to the API', async () => {
    const graphql = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { user { login } } }' }) });
    expect(((await graphql.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('AUTH.UNAUTHENTICATED');
    const methods = await fetch(`${base}/auth/methods`, { headers: { accept: 'text/html' } });
    expect(methods.status).toBe(200);
    expect(await methods.json()).toEqual({ password: true, sso: false });
  });

  it('tells the signed-in caller its groups and its role in each (the user menu)', async () => {
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'gina', password: 'correct horse battery' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const me = await api.graphql<{ me: { roles: string[]; groups: Array<{ id: string; displayName: string; role: string }> } }>('{ me { roles groups { id displayName role } } }', {}, { cookie });
    expect(me.data?.me.groups).toEqual([{ id: 'grp-ops', displayName: 'ops', role: 'user' }]);
    expect(me.data?.me.roles).toEqual(['user']);
  });
});
