import { hasErrorCode, isPitrixError } from '@pitrix/errors';
import { createTestDatabase, type TestDatabase } from '@pitrix/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_CHANGED_CHANNEL, AccountStore, accountSchema, type AccountChange } from '../src/index.js';
import { loginFrom } from '../src/oidc.js';

const START = Date.parse('2030-01-01T00:00:00Z');
const MINUTE = 60_000;

function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (err: unknown) => err,
  );
}

function codeOf(err: unknown): string | undefined {
  return isPitrixError(err) ? err.code : undefined;
}

describe('account store on the real PostgreSQL', () => {
  let db: TestDatabase;
  let clock = START;
  let store: AccountStore;
  const advance = (ms: number): void => {
    clock += ms;
  };

  beforeAll(async () => {
    db = await createTestDatabase('account_store', [accountSchema]);
    store = new AccountStore(db.dataSource, { sessionIdleMinutes: 60, sessionMaxHours: 2, now: () => new Date(clock) });
  });
  afterAll(() => db.drop());

  describe('bootstrap', () => {
    it('ensureAdmin creates one administrator with a 24-character password, then nothing', async () => {
      const first = await store.ensureAdmin();
      if (!first.created) throw new Error('expected an administrator to be created');
      expect(first.login).toBe('admin');
      expect(first.password).toHaveLength(24);
      expect((await store.principal(first.userId)).roles).toEqual(['admin']);
      expect((await store.verifyPassword('admin', first.password, '10.0.0.1')).userId).toBe(first.userId);
      expect(await store.ensureAdmin()).toEqual({ created: false });
      expect((await store.listUsers({ first: 10 })).totalCount).toBe(1);
    });
  });

  describe('users and groups', () => {
    it('creates a user whose record carries no secret, found by id and by login', async () => {
      const user = await store.createUser({ login: 'bob', displayName: 'Bob', email: 'bob@example.com', roles: ['user', 'developer', 'user'] });
      expect(user).toMatchObject({ login: 'bob', displayName: 'Bob', status: 'active', roles: ['developer', 'user'], primaryGroupId: null, hasPassword: false, sso: null });
      expect(Object.keys(user).join()).not.toMatch(/hash/i);
      expect(await store.user(user.id)).toEqual(user);
      expect(await store.userByLogin('BOB')).toEqual(user);
      expect(await store.userByLogin('nobody')).toBeUndefined();
    });

    it('refuses a taken login', async () => {
      expect(codeOf(await errorOf(store.createUser({ login: 'bob', roles: [] })))).toBe('ACCOUNT.LOGIN_TAKEN');
    });

    it('reports every bad field of a new user at once', async () => {
      const err = await errorOf(store.createUser({ login: 'B', email: 'not-mail', roles: ['root' as 'user'], password: 'short' }));
      expect(codeOf(err)).toBe('INPUT.INVALID');
      expect(isPitrixError(err) && err.problems.map((p) => p.path)).toEqual(['login', 'email', 'roles[0]', 'password']);
      expect(JSON.stringify(err)).not.toContain('short');
    });

    it.each([
      ['a malformed id', 'nope'],
      ['a well-formed unknown id', 'usr-abcdefghjk'],
    ])('an unknown user (%s) is ACCOUNT.USER_NOT_FOUND', async (_case, id) => {
      expect(hasErrorCode(await errorOf(store.user(id)), 'ACCOUNT.USER_NOT_FOUND')).toBe(true);
      expect(hasErrorCode(await errorOf(store.principal(id)), 'ACCOUNT.USER_NOT_FOUND')).toBe(true);
    });

    it('lists users by login, page after page', async () => {
      for (const login of ['carl', 'dora', 'emil']) await store.createUser({ login, roles: ['user'] });
      const first = await store.listUsers({ first: 2 });
      expect(first.items.map((u) => u.login)).toEqual(['admin', 'bob']);
      expect(first.totalCount).toBe(5);
      const second = await store.listUsers({ first: 2, after: first.items[1]!.id });
      expect(second.items.map((u) => u.login)).toEqual(['carl', 'dora']);
      expect(codeOf(await errorOf(store.listUsers({ first: 0 })))).toBe('INPUT.INVALID');
    });

    it('creates groups with readable ids and refuses a taken or bad name', async () => {
      expect(await store.createGroup({ name: 'acme', displayName: 'Acme Corp' })).toMatchObject({ id: 'grp-acme', name: 'acme', displayName: 'Acme Corp' });
      await store.createGroup({ name: 'beta' });
      expect(codeOf(await errorOf(store.createGroup({ name: 'acme' })))).toBe('ACCOUNT.GROUP_TAKEN');
      expect(codeOf(await errorOf(store.createGroup({ name: 'a.b' })))).toBe('INPUT.INVALID');
      expect(codeOf(await errorOf(store.group('grp-nope')))).toBe('ACCOUNT.GROUP_NOT_FOUND');
      expect((await store.listGroups()).map((g) => g.id)).toEqual(['grp-acme', 'grp-beta']);
    });

    it('a principal holds direct and membership roles, its groups and its owner path', async () => {
      const bob = (await store.userByLogin('bob'))!;
      await store.setMember('grp-beta', bob.id, 'reviewer');
      await store.setMember('grp-acme', bob.id, 'user');
      await store.setMember('grp-acme', bob.id, 'admin');
      expect(await store.principal(bob.id)).toEqual({
        userId: bob.id,
        login: 'bob',
        displayName: 'Bob',
        roles: ['admin', 'developer', 'reviewer', 'user'],
        ownerPath: bob.id,
        groupIds: ['grp-acme', 'grp-beta'],
      });
      expect(await store.members('grp-acme')).toEqual([{ userId: bob.id, login: 'bob', role: 'admin' }]);
      await store.updateUser(bob.id, { primaryGroupId: 'grp-acme' });
      expect((await store.principal(bob.id)).ownerPath).toBe(`grp-acme.${bob.id}`);
    });

    it('removing a membership or the group takes its roles away', async () => {
      const bob = (await store.userByLogin('bob'))!;
      await store.removeMember('grp-beta', bob.id);
      await store.removeMember('grp-beta', bob.id);
      expect(await store.principal(bob.id)).toMatchObject({ roles: ['admin', 'developer', 'user'], groupIds: ['grp-acme'] });
      await store.deleteGroup('grp-acme');
      expect(await store.principal(bob.id)).toMatchObject({ roles: ['developer', 'user'], groupIds: [], ownerPath: bob.id });
      expect((await store.user(bob.id)).primaryGroupId).toBeNull();
      expect(codeOf(await errorOf(store.deleteGroup('grp-acme')))).toBe('ACCOUNT.GROUP_NOT_FOUND');
      expect(codeOf(await errorOf(store.setMember('grp-acme', bob.id, 'user')))).toBe('ACCOUNT.GROUP_NOT_FOUND');
    });

    it('updates a user and refuses an unknown primary group', async () => {
      const carl = (await store.userByLogin('carl'))!;
      const updated = await store.updateUser(carl.id, { displayName: 'Carl C.', email: 'c@example.com', roles: ['reviewer'] });
      expect(updated).toMatchObject({ displayName: 'Carl C.', email: 'c@example.com', roles: ['reviewer'] });
      expect((await store.updateUser(carl.id, { email: null })).email).toBeNull();
      expect(codeOf(await errorOf(store.updateUser(carl.id, { primaryGroupId: 'grp-nope' })))).toBe('ACCOUNT.GROUP_NOT_FOUND');
      expect(codeOf(await errorOf(store.setPassword(carl.id, 'too-short')))).toBe('INPUT.INVALID');
    });
  });

  describe('sessions', () => {
    it('a session lives while used, ends after the idle time and is stored only hashed', async () => {
      const dora = (await store.userByLogin('dora'))!;
      const { sessionId, expiresAt } = await store.createSession(dora.id);
      expect(sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(expiresAt.getTime()).toBe(clock + 120 * MINUTE);
      expect(JSON.stringify(await db.dataSource.query('SELECT * FROM account.sessions'))).not.toContain(sessionId);
      advance(30 * MINUTE);
      expect((await store.sessionPrincipal(sessionId))?.userId).toBe(dora.id);
      advance(61 * MINUTE);
      expect(await store.sessionPrincipal(sessionId)).toBeUndefined();
      expect(await db.dataSource.query('SELECT * FROM account.sessions')).toEqual([]);
    });

    it('touches last_seen_at at most once a minute and ends at the absolute expiry however used', async () => {
      const dora = (await store.userByLogin('dora'))!;
      const { sessionId } = await store.createSession(dora.id);
      const lastSeen = async (): Promise<number> => ((await db.dataSource.query('SELECT max(last_seen_at) AS t FROM account.sessions')) as Array<{ t: Date }>)[0]!.t.getTime();
      const started = clock;
      advance(30_000);
      await store.sessionPrincipal(sessionId);
      expect(await lastSeen()).toBe(started);
      advance(40_000);
      await store.sessionPrincipal(sessionId);
      expect(await lastSeen()).toBe(clock);
      for (let i = 0; i < 2; i++) {
        advance(50 * MINUTE);
        expect(await store.sessionPrincipal(sessionId)).toBeDefined();
      }
      advance(20 * MINUTE);
      expect(await store.sessionPrincipal(sessionId)).toBeUndefined();
    });

    it('a revoked or unknown session resolves to nothing', async () => {
      const dora = (await store.userByLogin('dora'))!;
      const { sessionId } = await store.createSession(dora.id);
      await store.revokeSession(sessionId);
      await store.revokeSession(sessionId);
      expect(await store.sessionPrincipal(sessionId)).toBeUndefined();
      expect(await store.sessionPrincipal('made-up')).toBeUndefined();
    });
  });

  describe('personal access tokens', () => {
    it('shows the raw token once and never lists a hash', async () => {
      const emil = (await store.userByLogin('emil'))!;
      const { token, record } = await store.createToken(emil.id, { name: 'ci', scope: 'read', expiresAt: null });
      expect(token).toMatch(/^pxt_[A-Za-z0-9_-]{43}$/);
      expect(record).toMatchObject({ userId: emil.id, name: 'ci', scope: 'read', expiresAt: null, lastUsedAt: null, revokedAt: null });
      const [stored] = (await db.dataSource.query('SELECT token_hash FROM account.tokens WHERE id = $1', [record.id])) as Array<{ token_hash: string }>;
      const listed = JSON.stringify(await store.listTokens(emil.id));
      expect(listed).toContain(record.id);
      expect(listed).not.toContain(stored!.token_hash);
      expect(listed).not.toContain(token);
      expect(JSON.stringify(await db.dataSource.query('SELECT * FROM account.tokens'))).not.toContain(token);
    });

    it('resolves a token to its principal and scope, and records its use', async () => {
      const emil = (await store.userByLogin('emil'))!;
      const { token, record } = await store.createToken(emil.id, { name: 'read-only', scope: 'read', expiresAt: null });
      expect(await store.tokenPrincipal(token)).toMatchObject({ principal: { userId: emil.id, login: 'emil' }, scope: 'read', tokenId: record.id, expiresAt: null });
      expect((await store.listTokens(emil.id)).find((t) => t.id === record.id)?.lastUsedAt).toEqual(new Date(clock));
      expect(await store.tokenPrincipal(`${token.slice(0, -1)}x`)).toBeUndefined();
      expect(await store.tokenPrincipal('not-a-token')).toBeUndefined();
    });

    it('an expired token resolves to nothing; an expiry in the past is refused', async () => {
      const emil = (await store.userByLogin('emil'))!;
      const { token } = await store.createToken(emil.id, { name: 'short', scope: 'full', expiresAt: new Date(clock + 60 * MINUTE) });
      expect((await store.tokenPrincipal(token))?.scope).toBe('full');
      advance(60 * MINUTE);
      expect(await store.tokenPrincipal(token)).toBeUndefined();
      const err = await errorOf(store.createToken(emil.id, { name: 'past', scope: 'full', expiresAt: new Date(clock - 1) }));
      expect(isPitrixError(err) && err.problems.map((p) => p.path)).toEqual(['expiresAt']);
    });

    it('a revoked token resolves to nothing; only its owner may revoke it by user', async () => {
      const emil = (await store.userByLogin('emil'))!;
      const carl = (await store.userByLogin('carl'))!;
      const { token, record } = await store.createToken(emil.id, { name: 'to-revoke', scope: 'full', expiresAt: null });
      expect(codeOf(await errorOf(store.revokeToken(record.id, carl.id)))).toBe('ACCOUNT.TOKEN_NOT_FOUND');
      expect(await store.tokenPrincipal(token)).toBeDefined();
      const revoked = await store.revokeToken(record.id, emil.id);
      expect(revoked.revokedAt).toEqual(new Date(clock));
      expect(await store.tokenPrincipal(token)).toBeUndefined();
      advance(MINUTE);
      expect((await store.revokeToken(record.id)).revokedAt).toEqual(revoked.revokedAt);
      expect(codeOf(await errorOf(store.revokeToken('tok-abcdefghjk')))).toBe('ACCOUNT.TOKEN_NOT_FOUND');
    });
  });

  it('a disabled user resolves to nothing by session or token, until enabled again', async () => {
    const user = await store.createUser({ login: 'frank', roles: ['user'] });
    const { sessionId } = await store.createSession(user.id);
    const { token } = await store.createToken(user.id, { name: 'cli', scope: 'full', expiresAt: null });
    await store.updateUser(user.id, { status: 'disabled' });
    expect(await store.sessionPrincipal(sessionId)).toBeUndefined();
    expect(await store.tokenPrincipal(token)).toBeUndefined();
    expect(codeOf(await errorOf(store.createSession(user.id)))).toBe('AUTH.UNAUTHENTICATED');
    await store.updateUser(user.id, { status: 'active' });
    expect((await store.tokenPrincipal(token))?.principal.userId).toBe(user.id);
  });

  it('notifies account_changed in the transaction of every change that alters a principal', async () => {
    const listener = new Client({ connectionString: db.url });
    await listener.connect();
    const received: AccountChange[] = [];
    listener.on('notification', (n) => received.push(JSON.parse(n.payload ?? '{}') as AccountChange));
    try {
      await listener.query(`LISTEN ${ACCOUNT_CHANGED_CHANNEL}`);
      const user = await store.createUser({ login: 'gina', roles: ['user'] });
      const group = await store.createGroup({ name: 'gamma' });
      const { record } = await store.createToken(user.id, { name: 'n', scope: 'full', expiresAt: null });
      await store.revokeToken(record.id);
      await store.setMember(group.id, user.id, 'developer');
      await store.removeMember(group.id, user.id);
      await store.updateUser(user.id, { roles: ['reviewer'] });
      await listener.query('SELECT 1');
      const deadline = Date.now() + 5000;
      while (received.length < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(received).toEqual([
        { kind: 'token_revoked', userId: user.id, tokenId: record.id },
        { kind: 'membership_changed', userId: user.id },
        { kind: 'membership_changed', userId: user.id },
        { kind: 'user_changed', userId: user.id },
      ]);
    } finally {
      await listener.end();
    }
  });

  describe('single sign-on', () => {
    it('creates the user on first login with a unique login, its groups and memberships', async () => {
      await store.createUser({ login: 'hanna.berg', roles: [] });
      const principal = await store.upsertOidcUser({
        issuer: 'https://idp.example.com',
        subject: 'sub-1',
        preferredLogin: 'Hanna.Berg@Example.com',
        displayName: 'Hanna Berg',
        email: 'hanna@example.com',
        roles: ['user'],
        memberships: [
          { groupName: 'delta', role: 'developer' },
          { groupName: 'epsilon', role: 'reviewer' },
        ],
      });
      expect(principal).toMatchObject({ login: 'hanna.berg-2', displayName: 'Hanna Berg', roles: ['developer', 'reviewer', 'user'], groupIds: ['grp-delta', 'grp-epsilon'] });
      expect(principal.ownerPath).toBe(`grp-delta.${principal.userId}`);
      expect(await store.user(principal.userId)).toMatchObject({ hasPassword: false, sso: { issuer: 'https://idp.example.com', subject: 'sub-1' } });
    });

    it('on a later login updates the user and sets its memberships exactly', async () => {
      const principal = await store.upsertOidcUser({
        issuer: 'https://idp.example.com',
        subject: 'sub-1',
        preferredLogin: 'someone-else',
        displayName: 'Hanna B.',
        roles: [],
        memberships: [
          { groupName: 'epsilon', role: 'admin' },
          { groupName: 'zeta', role: 'user' },
        ],
      });
      expect(principal).toMatchObject({ login: 'hanna.berg-2', displayName: 'Hanna B.', roles: ['admin', 'user'], groupIds: ['grp-epsilon', 'grp-zeta'] });
      expect(principal.ownerPath).toBe(`grp-delta.${principal.userId}`);
      expect(await store.members('grp-delta')).toEqual([]);
      expect((await store.group('grp-zeta')).name).toBe('zeta');
      expect((await store.user(principal.userId)).email).toBe('hanna@example.com');
    });

    it('refuses a disabled user and reports bad mapped groups', async () => {
      const { userId } = await store.upsertOidcUser({ issuer: 'https://idp.example.com', subject: 'sub-2', preferredLogin: 'ivo', roles: [], memberships: [] });
      await store.updateUser(userId, { status: 'disabled' });
      const again = { issuer: 'https://idp.example.com', subject: 'sub-2', preferredLogin: 'ivo', roles: [], memberships: [] };
      expect(codeOf(await errorOf(store.upsertOidcUser(again)))).toBe('AUTH.UNAUTHENTICATED');
      const err = await errorOf(store.upsertOidcUser({ ...again, memberships: [{ groupName: 'Bad.Name', role: 'user' }] }));
      expect(isPitrixError(err) && err.problems.map((p) => p.path)).toEqual(['memberships[0].groupName']);
    });

    it.each([
      ['an email', 'Jane.Doe@example.com', 'jane.doe'],
      ['accents', 'Jöhn Müller', 'john-muller'],
      ['a leading digit', '42answer', 'answer'],
      ['nothing usable', '!!!', 'user'],
      ['one letter', 'x', 'userx'],
      ['runs of separators', 'a..b__c', 'a.b_c'],
      ['a long name', 'a'.repeat(60), 'a'.repeat(40)],
    ])('derives a login from %s', (_case, preferred, login) => {
      expect(loginFrom(preferred)).toBe(login);
    });
  });

  describe('security events', () => {
    it('lists events newest first with filters and pages; secret-named details are redacted', async () => {
      await store.recordEvent({ action: 'token.create', outcome: 'success', actorId: 'usr-aaaaaaaaaa', target: 'tok-x', details: { name: 'ci', password: 'hunter2-hunter2', nested: { secret: 's3cr3t' } } });
      advance(1000);
      await store.recordEvent({ action: 'token.revoke', outcome: 'success', actorId: 'usr-aaaaaaaaaa', sourceAddress: '10.1.1.1' });
      advance(1000);
      await store.recordEvent({ action: 'token.create', outcome: 'failure', actorId: 'usr-bbbbbbbbbb' });
      const mine = await store.events({ actorId: 'usr-aaaaaaaaaa', first: 1 });
      expect(mine.totalCount).toBe(2);
      expect(mine.items.map((e) => e.action)).toEqual(['token.revoke']);
      const next = await store.events({ actorId: 'usr-aaaaaaaaaa', first: 1, after: mine.items[0]!.id });
      expect(next.items[0]).toMatchObject({ action: 'token.create', target: 'tok-x', details: { name: 'ci', password: '[redacted]', nested: { secret: '[redacted]' } } });
      expect((await store.events({ action: 'token.create', since: new Date(clock - 1500), first: 10 })).items.map((e) => e.actorId)).toEqual(['usr-bbbbbbbbbb']);
      const table = JSON.stringify(await db.dataSource.query('SELECT * FROM account.security_events'));
      expect(table).not.toContain('hunter2-hunter2');
      expect(table).not.toContain('s3cr3t');
    });
  });
});
