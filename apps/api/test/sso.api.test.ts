import { freePort } from '@pitrix/devstack';
import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { signInThroughProvider, startTestOidcProvider, type TestOidcProvider } from '@pitrix/testing/oidc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, startApi } from '../src/index.js';

describe('single sign-on through a real OpenID provider', () => {
  let api: ApiHarness;
  let provider: TestOidcProvider;
  let base: string;

  beforeAll(async () => {
    // The API needs the issuer's address before the provider can know the API's: a port reserved first.
    const port = await freePort();
    api = await startApiHarness('api_sso', { startApi, apiUrl }, {
      env: {
        PITRIX_OIDC_ISSUER: `http://127.0.0.1:${port}`,
        PITRIX_OIDC_CLIENT_ID: 'pitrix',
        PITRIX_OIDC_CLIENT_SECRET: 'pitrix-client-secret',
        PITRIX_OIDC_GROUP_MAP: 'engineering=acme:developer,platform-admins=:admin',
      },
    });
    base = api.url.replace(/\/graphql$/, '');
    provider = await startTestOidcProvider({
      port,
      clientId: 'pitrix',
      clientSecret: 'pitrix-client-secret',
      redirectUris: [`${base}/auth/sso/callback`],
      accounts: { olivia: { name: 'Olivia O', email: 'olivia@example.com', groups: ['engineering', 'unmapped'] }, sam: { groups: [] } },
    });
  }, 120_000);
  afterAll(async () => {
    await provider?.close();
    await api?.close();
  });

  const start = async (query: string): Promise<string> => {
    const response = await fetch(`${base}/auth/sso/start?${query}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    return response.headers.get('location')!;
  };

  it('offers single sign-on on the sign-in page once an OpenID provider is configured', async () => {
    expect(await (await fetch(`${base}/auth/methods`)).json()).toEqual({ password: true, sso: true });
  });

  it('creates the user in the mapped group with the mapped role, and opens a browser session', async () => {
    const callback = await signInThroughProvider(await start('return_to=/clusters'), 'olivia');
    const landed = await fetch(callback, { redirect: 'manual' });
    expect(landed.status).toBe(302);
    expect(landed.headers.get('location')).toBe('/clusters');
    const cookie = landed.headers.get('set-cookie')!.split(';')[0]!;
    const me = (await api.graphql<{ me: { user: { id: string; login: string; displayName: string; email: string }; roles: string[]; ownerPath: string } }>('{ me { user { id login displayName email } roles ownerPath } }', {}, { cookie })).data!.me;
    expect(me.user).toMatchObject({ login: 'olivia', displayName: 'Olivia O', email: 'olivia@example.com' });
    expect(me.roles).toEqual(['developer']);
    expect(me.ownerPath).toBe(`grp-acme.${me.user.id}`);
    const groups = (await api.graphql<{ groups: Array<{ id: string; members: Array<{ login: string; role: string }> }> }>('{ groups { id members { login role } } }')).data!.groups;
    expect(groups).toEqual([{ id: 'grp-acme', members: [{ login: 'olivia', role: 'developer' }] }]);
    // The same callback cannot be used twice.
    expect((await fetch(callback, { redirect: 'manual' })).status).toBe(401);
  });

  it('gives a user no mapped group the default role', async () => {
    const landed = await fetch(await signInThroughProvider(await start('return_to=/'), 'sam'), { redirect: 'manual' });
    const cookie = landed.headers.get('set-cookie')!.split(';')[0]!;
    const me = (await api.graphql<{ me: { roles: string[] } }>('{ me { roles } }', {}, { cookie })).data!.me;
    expect(me.roles).toEqual(['user']);
  });

  it('hands the CLI a token through a one-time code at its loopback address', async () => {
    const callback = await signInThroughProvider(await start('cli_port=45678&cli_state=state-12345678'), 'olivia');
    const landed = await fetch(callback, { redirect: 'manual' });
    const location = new URL(landed.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('http://127.0.0.1:45678/callback');
    expect(location.searchParams.get('state')).toBe('state-12345678');
    expect(landed.headers.get('set-cookie')).toBeNull();
    const exchange = (code: string | null) => fetch(`${base}/auth/cli/exchange`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    const first = await exchange(location.searchParams.get('code'));
    expect(first.status).toBe(200);
    const { token } = (await first.json()) as { token: string };
    expect(token).toMatch(/^pxt_/);
    const me = (await api.graphql<{ me: { user: { login: string }; authenticatedBy: string } }>('{ me { user { login } authenticatedBy } }', {}, { authorization: `Bearer ${token}` })).data!.me;
    expect(me).toEqual({ user: { login: 'olivia' }, authenticatedBy: 'token' });
    expect((await exchange(location.searchParams.get('code'))).status).toBe(401);
  });

  it('refuses a return address outside the API (open redirect)', async () => {
    const response = await fetch(`${base}/auth/sso/start?return_to=${encodeURIComponent('//evil.example/x')}`, { redirect: 'manual' });
    expect(response.status).toBe(400);
  });
});
