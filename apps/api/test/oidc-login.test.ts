import { oidcGroupMap } from '@pitrix/config';
import { PitrixError } from '@pitrix/errors';
import { signInThroughProvider, startTestOidcProvider, type TestOidcProvider } from '@pitrix/testing/oidc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReturnTo, identityFromClaims, OidcLogin, PendingOidcLogins, type OidcLoginSettings } from '../src/auth/oidc/index.js';

// Nothing listens here: the scripted browser stops at the redirect to it.
const REDIRECT_URI = 'http://127.0.0.1:9/auth/sso/callback';
const ISSUER = 'https://idp.example.test';
const GROUP_MAP = oidcGroupMap('acme-devs=acme:developer,acme-leads=acme:admin,acme-qa=acme:reviewer,ops=:admin,auditors=:reviewer,web-devs=web:developer');
const MAPPING = { groupsClaim: 'groups', groupMap: GROUP_MAP, defaultRole: 'user' as const };

/** Expects `promise` to reject with a PitrixError of `code`. */
async function rejectsWith(promise: Promise<unknown>, code: string): Promise<PitrixError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PitrixError);
  expect((err as PitrixError).code).toBe(code);
  return err as PitrixError;
}

describe('identityFromClaims', () => {
  it('maps IdP groups to Pitrix groups with roles, the highest role winning per group', () => {
    const identity = identityFromClaims(
      { sub: 's-1', preferred_username: 'alice', name: 'Alice A.', email: 'alice@example.test', email_verified: true, groups: ['acme-devs', 'acme-leads', 'web-devs', 'unmapped'] },
      ISSUER,
      MAPPING,
    );
    expect(identity).toEqual({
      issuer: ISSUER,
      subject: 's-1',
      preferredLogin: 'alice',
      displayName: 'Alice A.',
      email: 'alice@example.test',
      emailVerified: true,
      roles: [],
      memberships: [
        { groupName: 'acme', role: 'admin' },
        { groupName: 'web', role: 'developer' },
      ],
    });
  });

  it('a mapping entry without a group grants a platform role, alongside memberships', () => {
    const identity = identityFromClaims({ sub: 's-2', preferred_username: 'olga', groups: ['ops', 'auditors', 'acme-qa', 'acme-devs'] }, ISSUER, MAPPING);
    expect(identity.roles).toEqual(['admin', 'reviewer']);
    expect(identity.memberships).toEqual([{ groupName: 'acme', role: 'reviewer' }]);
  });

  it('the default role applies when no mapped group matches', () => {
    const identity = identityFromClaims({ sub: 's-3', preferred_username: 'bob', groups: ['unmapped'] }, ISSUER, { ...MAPPING, defaultRole: 'developer' });
    expect(identity.roles).toEqual(['developer']);
    expect(identity.memberships).toEqual([]);
  });

  it('a missing or malformed groups claim means no groups', () => {
    expect(identityFromClaims({ sub: 's-4' }, ISSUER, MAPPING)).toMatchObject({ roles: ['user'], memberships: [] });
    expect(identityFromClaims({ sub: 's-4', groups: 42 }, ISSUER, MAPPING)).toMatchObject({ roles: ['user'], memberships: [] });
    expect(identityFromClaims({ sub: 's-4', groups: 'ops' }, ISSUER, MAPPING).roles).toEqual(['admin']);
  });

  it('reads a groups claim at a dotted path', () => {
    const identity = identityFromClaims({ sub: 's-5', realm_access: { roles: ['ops'] } }, ISSUER, { ...MAPPING, groupsClaim: 'realm_access.roles' });
    expect(identity.roles).toEqual(['admin']);
  });

  it('the login falls back from preferred_username to the email local part to the subject', () => {
    expect(identityFromClaims({ sub: 's-6', email: 'carol@example.test' }, ISSUER, MAPPING).preferredLogin).toBe('carol');
    expect(identityFromClaims({ sub: 's-6', preferred_username: '  ', email: 'carol@example.test' }, ISSUER, MAPPING).preferredLogin).toBe('carol');
    const bare = identityFromClaims({ sub: 's-6' }, ISSUER, MAPPING);
    expect(bare.preferredLogin).toBe('s-6');
    expect(bare).not.toHaveProperty('email');
    expect(bare).not.toHaveProperty('displayName');
  });

  it('claims without a subject are refused', () => {
    expect(() => identityFromClaims({ preferred_username: 'x' }, ISSUER, MAPPING)).toThrowError(expect.objectContaining({ code: 'AUTH.UNAUTHENTICATED' }));
  });
});

describe('returnTo validation', () => {
  it.each(['/', '/apps', '/apps?tab=versions#top', '/a/b%2Fc'])('accepts %s', (returnTo) => {
    expect(checkReturnTo(returnTo)).toBe(returnTo);
  });

  it.each(['', 'apps', '//evil.example', '/\\evil.example', '/\t/evil.example', 'https://evil.example/', 'javascript:alert(1)', '/ok\n', `/${'a'.repeat(3000)}`])(
    'refuses %j',
    (returnTo) => {
      expect(() => checkReturnTo(returnTo)).toThrowError(expect.objectContaining({ code: 'INPUT.INVALID' }));
    },
  );
});

describe('PendingOidcLogins', () => {
  const login = (state: string, createdAt: number) => ({ state, nonce: 'n', codeVerifier: 'v', returnTo: '/', createdAt });

  it('hands a login out once, and not after its time to live', () => {
    let now = 1_000_000;
    const pending = new PendingOidcLogins({ ttlMs: 600_000, now: () => now });
    pending.add(login('a', now));
    pending.add(login('b', now));
    expect(pending.take('a')?.state).toBe('a');
    expect(pending.take('a')).toBeUndefined();
    now += 600_000;
    expect(pending.take('b')).toBeUndefined();
  });

  it('sweeps expired logins and stays within its bound', () => {
    let now = 0;
    const pending = new PendingOidcLogins({ ttlMs: 1000, maxEntries: 3, now: () => now });
    pending.add(login('old', now));
    now = 2000;
    pending.add(login('x', now));
    expect(pending.size).toBe(1);
    pending.add(login('y', now));
    pending.add(login('z', now));
    pending.add(login('w', now));
    expect(pending.size).toBe(3);
    expect(pending.take('x')).toBeUndefined();
    expect(pending.take('w')?.state).toBe('w');
  });
});

describe('OidcLogin against a real OpenID provider', () => {
  let idp: TestOidcProvider;
  let settings: OidcLoginSettings;
  let oidc: OidcLogin;

  beforeAll(async () => {
    idp = await startTestOidcProvider({
      clientId: 'pitrix-api',
      clientSecret: 'test-secret-' + 'x'.repeat(24),
      redirectUris: [REDIRECT_URI],
      accounts: {
        alice: { sub: 'idp-0001', name: 'Alice Example', email: 'alice@example.test', groups: ['acme-devs', 'acme-leads', 'auditors'] },
        bob: { sub: 'idp-0002', email: 'bob@example.test' },
      },
    });
    settings = {
      issuer: idp.issuer,
      clientId: 'pitrix-api',
      clientSecret: 'test-secret-' + 'x'.repeat(24),
      scopes: 'openid profile email groups',
      groupsClaim: 'groups',
      groupMap: GROUP_MAP,
      defaultRole: 'user',
      redirectUri: REDIRECT_URI,
      allowHttp: true,
    };
    oidc = await OidcLogin.discover(settings);
  });

  afterAll(async () => {
    await idp?.close();
  });

  it('signs in with PKCE and maps the ID token to an identity', async () => {
    const { authorizationUrl, state } = await oidc.begin('/apps?tab=mine', { cliPort: 53682 });
    const url = new URL(authorizationUrl);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toBe(state);
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);

    const callback = await signInThroughProvider(authorizationUrl, 'alice');
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
    expect(callback.searchParams.get('state')).toBe(state);
    expect(callback.searchParams.get('code')).toBeTruthy();

    const done = await oidc.complete(callback);
    expect(done.returnTo).toBe('/apps?tab=mine');
    expect(done.purpose).toEqual({ cliPort: 53682 });
    expect(done.identity).toEqual({
      issuer: idp.issuer,
      subject: 'idp-0001',
      preferredLogin: 'alice',
      displayName: 'Alice Example',
      email: 'alice@example.test',
      emailVerified: true,
      roles: ['reviewer'],
      memberships: [{ groupName: 'acme', role: 'admin' }],
    });
    expect(oidc.issuer).toBe(idp.issuer);
  });

  it('gives the default role to an account without groups', async () => {
    const { authorizationUrl } = await oidc.begin('/');
    const done = await oidc.complete(await signInThroughProvider(authorizationUrl, 'bob'));
    expect(done.identity).toMatchObject({ subject: 'idp-0002', preferredLogin: 'bob', roles: ['user'], memberships: [] });
    expect(done).not.toHaveProperty('purpose');
  });

  it('refuses a replayed callback', async () => {
    const { authorizationUrl } = await oidc.begin('/');
    const callback = await signInThroughProvider(authorizationUrl, 'alice');
    await oidc.complete(callback);
    await rejectsWith(oidc.complete(callback), 'AUTH.UNAUTHENTICATED');
  });

  it('refuses a callback whose state was tampered with, or that has none', async () => {
    const { authorizationUrl } = await oidc.begin('/');
    const callback = await signInThroughProvider(authorizationUrl, 'alice');
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    await rejectsWith(oidc.complete(tampered), 'AUTH.UNAUTHENTICATED');
    const stateless = new URL(callback);
    stateless.searchParams.delete('state');
    await rejectsWith(oidc.complete(stateless), 'AUTH.UNAUTHENTICATED');
  });

  it('refuses a code swapped into another login (PKCE binds the code to its login)', async () => {
    const first = await oidc.begin('/');
    const second = await oidc.begin('/');
    const stolen = await signInThroughProvider(first.authorizationUrl, 'alice');
    const injected = new URL(stolen);
    injected.searchParams.set('state', second.state);
    const err = await rejectsWith(oidc.complete(injected), 'AUTH.UNAUTHENTICATED');
    expect(err.message).toMatch(/rejected the code exchange/);
  });

  it('reports a sign-in the user cancels at the provider', async () => {
    const { state } = await oidc.begin('/');
    const denied = new URL(REDIRECT_URI);
    denied.search = new URLSearchParams({ error: 'access_denied', error_description: 'End-User aborted interaction', state, iss: idp.issuer }).toString();
    const err = await rejectsWith(oidc.complete(denied), 'AUTH.UNAUTHENTICATED');
    expect(err.message).toMatch(/access_denied/);
  });

  it('the provider requires PKCE', async () => {
    const { authorizationUrl } = await oidc.begin('/');
    const withoutPkce = new URL(authorizationUrl);
    withoutPkce.searchParams.delete('code_challenge');
    withoutPkce.searchParams.delete('code_challenge_method');
    const callback = await signInThroughProvider(withoutPkce.href, 'alice');
    expect(callback.searchParams.get('error')).toBe('invalid_request');
    await rejectsWith(oidc.complete(callback), 'AUTH.UNAUTHENTICATED');
  });

  it('refuses an unknown login at the provider', async () => {
    const { authorizationUrl } = await oidc.begin('/');
    await expect(signInThroughProvider(authorizationUrl, 'mallory')).rejects.toThrow(/did not accept the login "mallory"/);
  });

  it('validates returnTo before starting', async () => {
    await rejectsWith(oidc.begin('//evil.example/x'), 'INPUT.INVALID');
    await rejectsWith(oidc.begin('https://evil.example/'), 'INPUT.INVALID');
  });

  it('reads the groups from userinfo when the ID token lacks them', async () => {
    const conforming = await startTestOidcProvider({
      clientId: 'pitrix-api',
      clientSecret: 'another-secret',
      redirectUris: [REDIRECT_URI],
      conformIdTokenClaims: true,
      accounts: { dana: { name: 'Dana', groups: ['ops'] } },
    });
    try {
      const login = await OidcLogin.discover({ ...settings, issuer: conforming.issuer, clientSecret: 'another-secret' });
      const { authorizationUrl } = await login.begin('/');
      const done = await login.complete(await signInThroughProvider(authorizationUrl, 'dana'));
      expect(done.identity).toMatchObject({ subject: 'dana', preferredLogin: 'dana', displayName: 'Dana', roles: ['admin'] });
    } finally {
      await conforming.close();
    }
  });

  it('refuses unusable settings and an unreachable provider', async () => {
    await rejectsWith(OidcLogin.discover({ ...settings, allowHttp: false }), 'INPUT.INVALID');
    await rejectsWith(OidcLogin.discover({ ...settings, redirectUri: 'callback' }), 'INPUT.INVALID');
    await rejectsWith(OidcLogin.discover({ ...settings, issuer: 'http://127.0.0.1:9' }), 'SYSTEM.DEPENDENCY_UNAVAILABLE');
  });
});
