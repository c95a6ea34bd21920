import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, startApi } from '../src/index.js';

type Body = { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };

describe('signing in: passwords, sessions, the audit log and request limits', () => {
  let api: ApiHarness;
  let base: string;
  const PASSWORD = 'correct horse battery';

  const login = async (name: string, password: string, contentType = 'application/json') => {
    const response = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify({ login: name, password }) });
    return { status: response.status, cookie: response.headers.get('set-cookie'), body: (await response.json()) as { user?: { login: string }; error?: { code: string; message: string } } };
  };
  const withCookie = async (cookie: string, query: string, variables: Record<string, unknown> = {}) =>
    (await api.graphql(query, variables, { cookie })) as Body;

  beforeAll(async () => {
    api = await startApiHarness('api_login', { startApi, apiUrl });
    base = api.url.replace(/\/graphql$/, '');
    await api.userWithToken('dora', ['developer'], { password: PASSWORD });
  }, 120_000);
  afterAll(() => api?.close());

  it('answers an unknown login and a wrong password alike, and records both', async () => {
    const unknown = await login('nobody', PASSWORD);
    const wrong = await login('dora', 'not the password');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.error).toEqual(wrong.body.error);
    expect(wrong.body.error).toEqual({ code: 'AUTH.UNAUTHENTICATED', message: expect.stringContaining('Invalid login or password') });
    expect(wrong.cookie).toBeNull();
  });

  it('opens an HttpOnly SameSite=Lax session on a good password, usable for queries and JSON mutations, ended by logout', async () => {
    const ok = await login('dora', PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.body.user?.login).toBe('dora');
    expect(ok.cookie).toMatch(/^pitrix_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Expires=/);
    const cookie = ok.cookie!.split(';')[0]!;
    const me = await withCookie(cookie, '{ me { user { login } authenticatedBy tokenScope } }');
    expect(me.data?.me).toEqual({ user: { login: 'dora' }, authenticatedBy: 'session', tokenScope: null });
    const token = await withCookie(cookie, `mutation { createToken(input: { name: "from-session", scope: "read" }) { token accessToken { name scope } } }`);
    expect(token.errors).toBeUndefined();
    expect((token.data?.createToken as { token: string }).token).toMatch(/^pxt_/);

    // A cross-site form can send the cookie, but not a JSON content type: Apollo's CSRF check refuses it.
    const forged = await fetch(api.url, { method: 'POST', headers: { cookie, 'content-type': 'text/plain' }, body: JSON.stringify({ query: 'mutation { createToken(input: { name: "csrf", scope: "full" }) { token } }' }) });
    expect(forged.status).toBe(400);
    const tokens = (await withCookie(cookie, '{ tokens { name } }')).data?.tokens as Array<{ name: string }>;
    expect(tokens.map((t) => t.name)).not.toContain('csrf');
    // A login form posted from another site is refused too.
    expect((await login('dora', PASSWORD, 'application/x-www-form-urlencoded')).status).toBe(400);

    const logout = await fetch(`${base}/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await withCookie(cookie, '{ me { user { login } } }')).errors?.[0]?.extensions?.code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('keeps an audit log of logins and tokens for admins, with source addresses and no secret', async () => {
    const events = (await api.graphql<{ securityEvents: { edges: Array<{ node: { action: string; outcome: string; actorLogin: string | null; sourceAddress: string | null; details: unknown } }> } }>(
      '{ securityEvents(page: { first: 100 }) { edges { node { action outcome actorLogin sourceAddress details } } } }',
    )).data!.securityEvents.edges.map((edge) => edge.node);
    expect(events).toEqual(expect.arrayContaining([
      expect.objectContaining({ action: 'login', outcome: 'success', actorLogin: 'dora', sourceAddress: expect.stringMatching(/127\.0\.0\.1/) }),
      expect.objectContaining({ action: 'login', outcome: 'failure', sourceAddress: expect.stringMatching(/127\.0\.0\.1/) }),
      expect.objectContaining({ action: 'token.create', outcome: 'success', actorLogin: 'dora' }),
      expect.objectContaining({ action: 'logout', outcome: 'success', actorLogin: 'dora' }),
    ]));
    const stored = JSON.stringify(await api.db.dataSource.query('SELECT * FROM account.security_events'));
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain('not the password');
    expect(stored).not.toContain('pxt_');
    const asDeveloper = await api.userWithToken('devin', ['developer']);
    expect((await api.graphql('{ securityEvents { totalCount } }', {}, asDeveloper.headers)).errors?.[0]?.extensions?.code).toBe('AUTH.FORBIDDEN');
  });

  it('checks depth and body size before running anything, and serves no introspection outside development mode', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: me { ownerPath }`).join(' ');
    const tooManyAliases = await api.graphql(`{ ${aliases} }`);
    expect(tooManyAliases.errors?.[0]?.extensions?.code).toBe('INPUT.INVALID');
    expect(tooManyAliases.errors?.[0]?.message).toContain('maxAliases');
    const typeChain = Array.from({ length: 16 }).reduce<string>((inner) => `ofType { ${inner} }`, 'name');
    const tooDeep = await api.graphql(`{ __type(name: "Query") { fields { type { ${typeChain} } } } }`);
    expect(tooDeep.errors?.map((error) => error.message).join('\n')).toContain('maxDepth');
    const introspection = await api.graphql('{ __schema { queryType { name } } }');
    expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
    const page = await fetch(api.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/<html/i);
    const user = await api.userWithToken('big', ['user']);
    const huge = await fetch(api.url, { method: 'POST', headers: { ...user.headers, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { user { id } } }', variables: { pad: 'x'.repeat(1_100_000) } }) });
    expect(huge.status).toBe(413);
  });

  it('slows down a run of wrong passwords: after 20 in a row even the right one waits', async () => {
    await api.userWithToken('greta', ['user'], { password: PASSWORD });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await login('greta', `wrong password ${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses).toContain(429);
    const next = await login('greta', PASSWORD);
    expect(next.status).toBe(429);
    expect(next.body.error?.code).toBe('AUTH.THROTTLED');
    expect(next.body.error?.message).toMatch(/\d+ s/);
    expect(next.cookie).toBeNull();
  }, 120_000);
});
