import { isPitrixError } from '@pitrix/errors';
import { createTestDatabase, type TestDatabase } from '@pitrix/testing';
import { randomBytes, scryptSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountStore, accountSchema, hashPassword, verifyPasswordHash } from '../src/index.js';
import { backoffSeconds } from '../src/throttle.js';

// Each scrypt check takes about a second: this file creates few password users and checks few passwords.
const CAROL_PASSWORD = 'carol-correct-horse';
const DAVE_PASSWORD = 'dave-battery-staple';
const WRONG = 'wrong-password-123';

async function failure(promise: Promise<unknown>): Promise<{ code?: string; message?: string; retryAfter?: unknown }> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isPitrixError(err)) throw new Error(`expected a Pitrix error, got ${String(err)}`);
  return { code: err.code, message: err.message, retryAfter: err.details.retryAfterSeconds };
}

describe('password hashing', () => {
  it('hashes with scrypt N=2^17, r=8, p=1, a 16-byte salt and a 32-byte key, and verifies', async () => {
    const hash = await hashPassword('correct horse battery staple');
    const match = /^scrypt\$ln=17,r=8,p=1\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(hash);
    expect(match).not.toBeNull();
    expect(Buffer.from(match![1]!, 'base64')).toHaveLength(16);
    expect(Buffer.from(match![2]!, 'base64')).toHaveLength(32);
    expect(await verifyPasswordHash('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPasswordHash('correct horse battery stapler', hash)).toBe(false);
  });

  it.each([
    ['not a hash', 'nope'],
    ['another algorithm', '$2b$12$abcdefghijklmnopqrstuv'],
    ['a cost beyond the limits', `scrypt$ln=30,r=8,p=1$${'A'.repeat(22)}$${'A'.repeat(43)}`],
  ])('a malformed stored hash (%s) verifies nothing', async (_case, encoded) => {
    expect(await verifyPasswordHash('anything-at-all', encoded)).toBe(false);
  });

  it.each([
    ['within the free attempts', 4, 0],
    ['at the limit', 5, 1],
    ['one more', 6, 2],
    ['five more', 10, 32],
    ['capped at 15 minutes', 15, 900],
    ['far beyond', 1000, 900],
  ])('back-off %s: %i failures wait %i s', (_case, failures, seconds) => {
    expect(backoffSeconds(failures, 5)).toBe(seconds);
  });
});

describe('password logins on the real PostgreSQL', () => {
  let db: TestDatabase;
  let clock = Date.parse('2030-01-01T00:00:00Z');
  let store: AccountStore;
  let carolId: string;
  const advance = (seconds: number): void => {
    clock += seconds * 1000;
  };

  beforeAll(async () => {
    db = await createTestDatabase('account_login', [accountSchema]);
    store = new AccountStore(db.dataSource, { now: () => new Date(clock) });
    carolId = (await store.createUser({ login: 'carol', roles: ['developer'], password: CAROL_PASSWORD })).id;
  });
  afterAll(() => db.drop());

  it('a correct password gives the principal; the password is stored only hashed', async () => {
    expect(await store.verifyPassword('Carol', CAROL_PASSWORD, '10.0.0.1')).toMatchObject({ userId: carolId, login: 'carol', roles: ['developer'] });
    const rows = JSON.stringify(await db.dataSource.query('SELECT * FROM account.users'));
    expect(rows).toContain('scrypt$ln=17');
    expect(rows).not.toContain(CAROL_PASSWORD);
  });

  it('a wrong password, an unknown login, a disabled user and a password-less user fail alike', async () => {
    const started = performance.now();
    const wrong = await failure(store.verifyPassword('carol', WRONG, '10.0.0.2'));
    const wrongMs = performance.now() - started;
    const unknownStarted = performance.now();
    const unknown = await failure(store.verifyPassword('nobody', WRONG, '10.0.0.2'));
    const unknownMs = performance.now() - unknownStarted;
    await store.updateUser(carolId, { status: 'disabled' });
    const disabled = await failure(store.verifyPassword('carol', CAROL_PASSWORD, '10.0.0.2'));
    await store.updateUser(carolId, { status: 'active' });
    await store.createUser({ login: 'sso-only', roles: [] });
    const passwordless = await failure(store.verifyPassword('sso-only', '', '10.0.0.2'));
    for (const result of [wrong, unknown, disabled, passwordless]) expect(result).toEqual({ code: 'AUTH.UNAUTHENTICATED', message: 'Invalid login or password', retryAfter: undefined });
    // An unknown login still spends one scrypt check, so timing does not tell it apart.
    expect(unknownMs).toBeGreaterThan(wrongMs / 2);
  });

  it('rehashes a password stored at an older cost on the next successful login', async () => {
    const salt = randomBytes(16);
    const weak = `scrypt$ln=10,r=8,p=1$${salt.toString('base64').replace(/=+$/, '')}$${scryptSync(CAROL_PASSWORD, salt, 32, { N: 1024, r: 8, p: 1 }).toString('base64').replace(/=+$/, '')}`;
    await db.dataSource.query('UPDATE account.users SET password_hash = $2 WHERE id = $1', [carolId, weak]);
    expect((await store.verifyPassword('carol', CAROL_PASSWORD, '10.0.0.3')).userId).toBe(carolId);
    const [row] = (await db.dataSource.query('SELECT password_hash FROM account.users WHERE id = $1', [carolId])) as Array<{ password_hash: string }>;
    expect(row!.password_hash).toMatch(/^scrypt\$ln=17,r=8,p=1\$/);
  });

  it('throttles after 5 failures with a growing back-off; a success resets it', async () => {
    await store.createUser({ login: 'dave', roles: ['user'], password: DAVE_PASSWORD });
    const attempts: string[] = [];
    for (let i = 0; i < 20; i++) attempts.push((await failure(store.verifyPassword('dave', WRONG, '192.0.2.7'))).code ?? '');
    expect(attempts).toEqual([...Array(5).fill('AUTH.UNAUTHENTICATED'), ...Array(15).fill('AUTH.THROTTLED')]);
    // The right password is refused too, without being checked, until the wait is over.
    expect(await failure(store.verifyPassword('dave', DAVE_PASSWORD, '192.0.2.7'))).toMatchObject({ code: 'AUTH.THROTTLED', retryAfter: 1, message: expect.stringContaining('1 second') as unknown });
    // Both keys are blocked: the login from another address, and the address for another login.
    expect((await failure(store.verifyPassword('dave', DAVE_PASSWORD, '198.51.100.1'))).code).toBe('AUTH.THROTTLED');
    expect((await failure(store.verifyPassword('carol', CAROL_PASSWORD, '192.0.2.7'))).code).toBe('AUTH.THROTTLED');
    advance(1);
    expect((await failure(store.verifyPassword('dave', WRONG, '192.0.2.7'))).code).toBe('AUTH.UNAUTHENTICATED');
    expect(await failure(store.verifyPassword('dave', DAVE_PASSWORD, '192.0.2.7'))).toMatchObject({ code: 'AUTH.THROTTLED', retryAfter: 2 });
    advance(2);
    expect((await failure(store.verifyPassword('dave', WRONG, '192.0.2.7'))).code).toBe('AUTH.UNAUTHENTICATED');
    expect(await failure(store.verifyPassword('dave', DAVE_PASSWORD, '192.0.2.7'))).toMatchObject({ code: 'AUTH.THROTTLED', retryAfter: 4 });
    advance(4);
    expect((await store.verifyPassword('dave', DAVE_PASSWORD, '192.0.2.7')).login).toBe('dave');
    expect(await db.dataSource.query(`SELECT key FROM account.login_throttle WHERE key IN ('login:dave', 'ip:192.0.2.7')`)).toEqual([]);
    expect((await failure(store.verifyPassword('dave', WRONG, '192.0.2.7'))).code).toBe('AUTH.UNAUTHENTICATED');
    expect(await db.dataSource.query(`SELECT key, failures FROM account.login_throttle WHERE key = 'login:dave'`)).toEqual([{ key: 'login:dave', failures: 1 }]);
  });

  it('records every attempt as a security event with its address, never a password', async () => {
    const { items } = await store.events({ action: 'login', first: 100 });
    const reasons = new Set(items.map((e) => `${e.outcome}:${String(e.details.reason ?? '')}`));
    expect(reasons).toEqual(new Set(['success:', 'failure:invalid credentials', 'failure:throttled']));
    expect(items.every((e) => e.sourceAddress !== null && e.actorLogin !== null)).toBe(true);
    expect(items.find((e) => e.outcome === 'success' && e.actorLogin === 'dave')?.actorId).toBeDefined();
    const everything = JSON.stringify(await db.dataSource.query('SELECT * FROM account.security_events')) + JSON.stringify(await db.dataSource.query('SELECT * FROM account.login_throttle'));
    for (const password of [CAROL_PASSWORD, DAVE_PASSWORD, WRONG]) expect(everything).not.toContain(password);
  });
});
