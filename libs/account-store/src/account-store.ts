import { PitrixError } from '@pitrix/errors';
import type { DataSource } from 'typeorm';
import { SecurityEvents, type NewSecurityEvent, type SecurityEventFilter } from './events.js';
import { Groups } from './groups.js';
import { PasswordLogin } from './login.js';
import { upsertOidcUser, type OidcIdentity } from './oidc.js';
import { loadPrincipal, toUserRecord } from './records.js';
import { Sessions } from './sessions.js';
import { Tokens, type NewToken } from './tokens.js';
import type { GroupRecord, Principal, Role, SecurityEventRecord, TokenPrincipal, TokenRecord, UserRecord } from './types.js';
import { Users, type NewUser, type UserChanges } from './users.js';

/** Lifetimes and limits of an `AccountStore`; `now` lets tests move time instead of sleeping. */
export interface AccountStoreOptions {
  /** A session unused this long ends (default 60). */
  readonly sessionIdleMinutes?: number;
  /** A session ends this long after it started, used or not (default 12). */
  readonly sessionMaxHours?: number;
  /** Failures in a row a login or address may have before it is throttled (default 5). */
  readonly loginFreeAttempts?: number;
  readonly now?: () => Date;
}

/**
 * The `account` schema: users, groups, password logins, sessions, personal access tokens, single
 * sign-on and the security event log. Nothing it returns holds a password hash, a session id
 * (after `createSession`) or a token (after `createToken`).
 */
export class AccountStore {
  private readonly users: Users;
  private readonly groups: Groups;
  private readonly login: PasswordLogin;
  private readonly sessions: Sessions;
  private readonly tokens: Tokens;
  private readonly securityEvents: SecurityEvents;
  private readonly now: () => Date;

  constructor(
    private readonly dataSource: DataSource,
    options: AccountStoreOptions = {},
  ) {
    const now = options.now ?? (() => new Date());
    this.now = now;
    this.users = new Users(dataSource, now);
    this.groups = new Groups(dataSource, this.users, now);
    this.securityEvents = new SecurityEvents(dataSource, now);
    this.login = new PasswordLogin(dataSource, this.securityEvents, now, options.loginFreeAttempts ?? 5);
    this.sessions = new Sessions(dataSource, this.users, now, {
      idleMs: (options.sessionIdleMinutes ?? 60) * 60_000,
      maxMs: (options.sessionMaxHours ?? 12) * 3_600_000,
    });
    this.tokens = new Tokens(dataSource, this.users, now);
  }

  /** Creates a user; a taken login is `ACCOUNT.LOGIN_TAKEN`, a bad field `INPUT.INVALID` naming it. */
  createUser(input: NewUser): Promise<UserRecord> {
    return this.users.create(input);
  }

  /** A user, or `ACCOUNT.USER_NOT_FOUND`. */
  async user(id: string): Promise<UserRecord> {
    return toUserRecord(await this.users.row(id));
  }

  /** The user with this login (case-insensitive), if any. */
  userByLogin(login: string): Promise<UserRecord | undefined> {
    return this.users.byLogin(login);
  }

  /** A page of users ordered by login; `after` is the id of the previous page's last user. */
  listUsers(page: { first: number; after?: string }): Promise<{ items: UserRecord[]; totalCount: number }> {
    return this.users.list(page);
  }

  /** Changes a user (`null` clears email or primary group) and notifies `ACCOUNT_CHANGED_CHANNEL`. */
  updateUser(id: string, changes: UserChanges): Promise<UserRecord> {
    return this.users.update(id, changes);
  }

  /** Sets a password of at least 12 characters (else `INPUT.INVALID` on `password`). */
  setPassword(id: string, password: string): Promise<void> {
    return this.users.setPassword(id, password);
  }

  /** The principal of a user, disabled or not, or `ACCOUNT.USER_NOT_FOUND`. */
  async principal(userId: string): Promise<Principal> {
    const found = await loadPrincipal(this.dataSource.manager, userId, { activeOnly: false });
    if (!found) throw new PitrixError('ACCOUNT.USER_NOT_FOUND', `User ${userId} does not exist`);
    return found;
  }

  /** Creates a group with id `grp-<name>`; a taken name is `ACCOUNT.GROUP_TAKEN`. */
  createGroup(input: { name: string; displayName?: string }): Promise<GroupRecord> {
    return this.groups.create(input);
  }

  /** A group, or `ACCOUNT.GROUP_NOT_FOUND`. */
  group(id: string): Promise<GroupRecord> {
    return this.groups.get(id);
  }

  /** Every group, ordered by name. */
  listGroups(): Promise<GroupRecord[]> {
    return this.groups.list();
  }

  /** Deletes a group and its memberships (users whose primary group it was get none). */
  deleteGroup(id: string): Promise<void> {
    return this.groups.delete(id);
  }

  /** Makes a user a member of a group with `role`, or changes its role there. */
  setMember(groupId: string, userId: string, role: Role): Promise<void> {
    return this.groups.setMember(groupId, userId, role);
  }

  /** Removes a user from a group (a non-member: nothing happens). */
  removeMember(groupId: string, userId: string): Promise<void> {
    return this.groups.removeMember(groupId, userId);
  }

  /** The members of a group ordered by login. */
  members(groupId: string): Promise<Array<{ userId: string; login: string; role: Role }>> {
    return this.groups.members(groupId);
  }

  /**
   * Checks a password login: `AUTH.UNAUTHENTICATED` for any bad login, password or disabled user,
   * `AUTH.THROTTLED` (password not checked) after too many failures of the login or the address.
   */
  verifyPassword(login: string, password: string, sourceAddress: string): Promise<Principal> {
    return this.login.verify(login, password, sourceAddress);
  }

  /** Starts a session for an active user; the returned id is shown once and stored only hashed. */
  createSession(userId: string): Promise<{ sessionId: string; expiresAt: Date }> {
    return this.sessions.create(userId);
  }

  /** The principal of a live session, else `undefined` (unknown, idle too long, too old, user disabled). */
  sessionPrincipal(sessionId: string): Promise<Principal | undefined> {
    return this.sessions.principal(sessionId);
  }

  /** Ends a session (an unknown one: nothing happens). */
  revokeSession(sessionId: string): Promise<void> {
    return this.sessions.revoke(sessionId);
  }

  /** Creates a personal access token (`pxt_…`), returned once; only its hash is stored. */
  createToken(userId: string, input: NewToken): Promise<{ token: string; record: TokenRecord }> {
    return this.tokens.create(userId, input);
  }

  /** A user's tokens, newest first, revoked and expired ones included. */
  listTokens(userId: string): Promise<TokenRecord[]> {
    return this.tokens.list(userId);
  }

  /** Revokes a token; with `byUserId`, only that user's own (else `ACCOUNT.TOKEN_NOT_FOUND`). */
  revokeToken(tokenId: string, byUserId?: string): Promise<TokenRecord> {
    return this.tokens.revoke(tokenId, byUserId);
  }

  /** Who a raw token acts as, else `undefined` (unknown, revoked, expired, user disabled). */
  tokenPrincipal(rawToken: string): Promise<TokenPrincipal | undefined> {
    return this.tokens.principal(rawToken);
  }

  /** Creates or updates the user of an identity provider account and sets its memberships exactly. */
  upsertOidcUser(identity: OidcIdentity): Promise<Principal> {
    return upsertOidcUser(this.dataSource, this.now, identity);
  }

  /** Creates `admin` with role admin and a random 24-character password when no user holds role admin. */
  ensureAdmin(): Promise<{ created: false } | { created: true; userId: string; login: string; password: string }> {
    return this.users.ensureAdmin();
  }

  /** Appends a security event (never put a secret in it: keys that name one are redacted). */
  recordEvent(event: NewSecurityEvent): Promise<void> {
    return this.securityEvents.record(event);
  }

  /** Security events, newest first; `after` is the id of the previous page's last event. */
  events(filter: SecurityEventFilter): Promise<{ items: SecurityEventRecord[]; totalCount: number }> {
    return this.securityEvents.list(filter);
  }
}
