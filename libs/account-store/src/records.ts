import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { GroupEntity, SecurityEventEntity, TokenEntity, UserEntity } from './entities.js';
import { ROLES, type GroupRecord, type Principal, type Role, type SecurityEventRecord, type TokenRecord, type UserRecord } from './types.js';

/** Hex SHA-256: how session ids and tokens are stored (they are random, so no salt or stretching is needed). */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** The PostgreSQL error code of a failed query (`23505` unique, `23503` foreign key), if any. */
export function pgCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A user row as a record: the password hash stays behind. */
export function toUserRecord(user: UserEntity): UserRecord {
  return {
    id: user.id,
    login: user.login,
    displayName: user.displayName,
    email: user.email,
    status: user.status,
    roles: sortRoles(user.roles),
    primaryGroupId: user.primaryGroupId,
    hasPassword: user.passwordHash !== null,
    sso: user.oidcIssuer !== null && user.oidcSubject !== null ? { issuer: user.oidcIssuer, subject: user.oidcSubject } : null,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

/** A group row as a record. */
export function toGroupRecord(group: GroupEntity): GroupRecord {
  return { id: group.id, name: group.name, displayName: group.displayName, createdAt: group.createdAt };
}

/** A token row as a record: the hash stays behind. */
export function toTokenRecord(token: TokenEntity): TokenRecord {
  return {
    id: token.id,
    userId: token.userId,
    name: token.name,
    scope: token.scope,
    expiresAt: token.expiresAt,
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
  };
}

/** A security event row as a record. */
export function toEventRecord(event: SecurityEventEntity): SecurityEventRecord {
  return {
    id: event.id,
    at: event.at,
    action: event.action,
    outcome: event.outcome,
    actorId: event.actorId,
    actorLogin: event.actorLogin,
    target: event.target,
    sourceAddress: event.sourceAddress,
    details: event.details,
  };
}

/** Roles deduplicated, in the order of `ROLES`. */
export function sortRoles(roles: Iterable<string>): Role[] {
  const held = new Set(roles);
  return ROLES.filter((role) => held.has(role));
}

interface PrincipalRow {
  id: string;
  login: string;
  display_name: string;
  status: 'active' | 'disabled';
  roles: string[];
  primary_group_id: string | null;
  group_ids: string[];
  member_roles: string[];
}

/**
 * The principal of a user with the roles of its memberships, or `undefined` when the user does
 * not exist or (with `activeOnly`) is disabled.
 */
export async function loadPrincipal(manager: EntityManager, userId: string, options: { activeOnly: boolean }): Promise<Principal | undefined> {
  const rows = (await manager.query(
    `SELECT u.id, u.login, u.display_name, u.status, u.roles, u.primary_group_id,
            coalesce(array_agg(m.group_id ORDER BY m.group_id) FILTER (WHERE m.group_id IS NOT NULL), '{}') AS group_ids,
            coalesce(array_agg(m.role) FILTER (WHERE m.role IS NOT NULL), '{}') AS member_roles
       FROM account.users u LEFT JOIN account.memberships m ON m.user_id = u.id
      WHERE u.id = $1
      GROUP BY u.id`,
    [userId],
  )) as PrincipalRow[];
  const row = rows[0];
  if (!row || (options.activeOnly && row.status !== 'active')) return undefined;
  return {
    userId: row.id,
    login: row.login,
    displayName: row.display_name,
    roles: sortRoles([...row.roles, ...row.member_roles]),
    ownerPath: row.primary_group_id ? `${row.primary_group_id}.${row.id}` : row.id,
    groupIds: row.group_ids,
  };
}
