import { PitrixError } from '@pitrix/errors';
import { isId, newId } from '@pitrix/ids';
import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from './entities.js';
import { notifyAccountChanged } from './notify.js';
import { hashPassword } from './password.js';
import { pgCode, sortRoles, toUserRecord } from './records.js';
import type { Role, UserRecord } from './types.js';
import { assertValid, checkEmail, checkFirst, checkLogin, checkPassword, checkRoles, checkText } from './validation.js';

/** A user to create; `password` is optional (single-sign-on users have none). */
export interface NewUser {
  readonly login: string;
  readonly displayName?: string;
  readonly email?: string;
  readonly roles: readonly Role[];
  readonly password?: string;
  readonly primaryGroupId?: string;
}

/** Changes to a user; `null` clears a nullable field. */
export interface UserChanges {
  readonly displayName?: string;
  readonly email?: string | null;
  readonly roles?: readonly Role[];
  readonly status?: 'active' | 'disabled';
  readonly primaryGroupId?: string | null;
}

/** Users: created, read, listed by login and changed; every change that alters a principal is notified. */
export class Users {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
  ) {}

  async create(input: NewUser): Promise<UserRecord> {
    assertValid('user', [checkLogin(input.login), checkText(input.displayName, 'displayName'), checkEmail(input.email), checkRoles(input.roles), checkPassword(input.password)]);
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
    const now = this.now();
    const user: UserEntity = Object.assign(new UserEntity(), {
      id: newId('user'),
      login: input.login,
      displayName: input.displayName ?? input.login,
      email: input.email ?? null,
      status: 'active' as const,
      roles: sortRoles(input.roles),
      primaryGroupId: input.primaryGroupId ?? null,
      passwordHash,
      oidcIssuer: null,
      oidcSubject: null,
      createdAt: now,
      updatedAt: now,
    });
    await this.dataSource.manager.insert(UserEntity, user).catch((err: unknown) => rethrowWrite(err, user));
    return toUserRecord(user);
  }

  /** The user row, or `ACCOUNT.USER_NOT_FOUND`; locked for update when `manager` is in a transaction. */
  async row(id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<UserEntity> {
    const found = isId('user', id) ? await manager.findOne(UserEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) }) : null;
    if (!found) throw new PitrixError('ACCOUNT.USER_NOT_FOUND', `User ${id} does not exist`);
    return found;
  }

  async byLogin(login: string): Promise<UserRecord | undefined> {
    const found = await this.dataSource.manager.findOneBy(UserEntity, { login: login.trim().toLowerCase() });
    return found ? toUserRecord(found) : undefined;
  }

  /** A page of users ordered by login; `after` is the id of the last user of the previous page. */
  async list(page: { first: number; after?: string }): Promise<{ items: UserRecord[]; totalCount: number }> {
    assertValid('page', [checkFirst(page.first)]);
    const query = this.dataSource.manager.createQueryBuilder(UserEntity, 'u').orderBy('u.login').take(page.first);
    if (page.after !== undefined) {
      const last = await this.dataSource.manager.findOneBy(UserEntity, { id: page.after });
      if (!last) throw new PitrixError('INPUT.INVALID', 'Unknown cursor', [{ path: 'after', message: 'not the id of a user', found: page.after }]);
      query.where('u.login > :login', { login: last.login });
    }
    const [rows, totalCount] = await Promise.all([query.getMany(), this.dataSource.manager.count(UserEntity)]);
    return { items: rows.map(toUserRecord), totalCount };
  }

  async update(id: string, changes: UserChanges): Promise<UserRecord> {
    assertValid('user changes', [checkText(changes.displayName, 'displayName'), checkEmail(changes.email), checkRoles(changes.roles ?? [])]);
    const user = await this.dataSource
      .transaction(async (manager) => {
        const row = await this.row(id, manager, true);
        if (changes.displayName !== undefined) row.displayName = changes.displayName;
        if (changes.email !== undefined) row.email = changes.email;
        if (changes.roles !== undefined) row.roles = sortRoles(changes.roles);
        if (changes.status !== undefined) row.status = changes.status;
        if (changes.primaryGroupId !== undefined) row.primaryGroupId = changes.primaryGroupId;
        row.updatedAt = this.now();
        await manager.save(UserEntity, row);
        await notifyAccountChanged(manager, { kind: 'user_changed', userId: row.id });
        return row;
      })
      .catch((err: unknown) => rethrowWrite(err, { primaryGroupId: changes.primaryGroupId ?? null }));
    return toUserRecord(user);
  }

  async setPassword(id: string, password: string): Promise<void> {
    assertValid('password', [checkPassword(password)]);
    await this.row(id);
    const passwordHash = await hashPassword(password);
    await this.dataSource.manager.update(UserEntity, { id }, { passwordHash, updatedAt: this.now() });
  }

  /** Creates `admin` (or `admin-2`… if taken) with role admin and a random password, unless some user holds role admin. */
  async ensureAdmin(): Promise<{ created: false } | { created: true; userId: string; login: string; password: string }> {
    if (await hasAdmin(this.dataSource.manager)) return { created: false };
    const password = randomBytes(18).toString('base64url');
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      // Two processes starting together must not both create an administrator.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('account.ensure_admin'))`);
      if (await hasAdmin(manager)) return { created: false as const };
      const now = this.now();
      const user = { id: newId('user'), login: await freeLogin(manager, 'admin'), displayName: 'Administrator', status: 'active' as const, roles: ['admin' as const], passwordHash, createdAt: now, updatedAt: now };
      await manager.insert(UserEntity, user);
      return { created: true as const, userId: user.id, login: user.login, password };
    });
  }
}

/**
 * `base` if no user has that login, else `base-2`, `base-3`… (`base` is cut so the result still
 * fits 40 characters).
 */
export async function freeLogin(manager: EntityManager, base: string): Promise<string> {
  const stem = base.slice(0, 34).replace(/[._-]+$/, '');
  const rows = (await manager.query(`SELECT login FROM account.users WHERE login = $1 OR login LIKE $2`, [stem, `${stem.replace(/[\\%_]/g, '\\$&')}-%`])) as Array<{ login: string }>;
  const taken = new Set(rows.map((row) => row.login));
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

async function hasAdmin(manager: EntityManager): Promise<boolean> {
  const rows = (await manager.query(`SELECT 1 FROM account.users WHERE 'admin' = ANY (roles) LIMIT 1`)) as unknown[];
  return rows.length > 0;
}

/** Turns a unique or foreign-key violation of a user write into its account error. */
function rethrowWrite(err: unknown, user: { login?: string; primaryGroupId: string | null }): never {
  if (pgCode(err) === '23505' && user.login !== undefined) {
    throw new PitrixError('ACCOUNT.LOGIN_TAKEN', `The login ${JSON.stringify(user.login)} is taken`, [{ path: 'login', message: 'already used by another user', found: user.login }]);
  }
  if (pgCode(err) === '23503' && user.primaryGroupId !== null) {
    throw new PitrixError('ACCOUNT.GROUP_NOT_FOUND', `Group ${user.primaryGroupId} does not exist`, [{ path: 'primaryGroupId', message: 'no such group', found: user.primaryGroupId }]);
  }
  throw err;
}
