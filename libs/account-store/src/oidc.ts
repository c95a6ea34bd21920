import { PitrixError } from '@pitrix/errors';
import { newId } from '@pitrix/ids';
import type { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from './entities.js';
import { groupIdOf } from './groups.js';
import { notifyAccountChanged } from './notify.js';
import { loadPrincipal, sortRoles } from './records.js';
import type { Principal, Role } from './types.js';
import { freeLogin } from './users.js';
import { assertValid, checkEmail, checkGroupName, checkRole, checkRoles, checkText } from './validation.js';

/** What an identity provider said about a user, already mapped to Pitrix roles and groups. */
export interface OidcIdentity {
  readonly issuer: string;
  readonly subject: string;
  readonly preferredLogin: string;
  readonly displayName?: string;
  readonly email?: string;
  readonly roles: readonly Role[];
  /** The memberships the user must have, exactly; for a group named twice the first role wins. */
  readonly memberships: ReadonlyArray<{ readonly groupName: string; readonly role: Role }>;
}

/** A valid login made from what a provider prefers (`Jöhn.Doe@example.com` → `john.doe`). */
export function loginFrom(preferred: string): string {
  const local = preferred.trim().toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split('@')[0] ?? '';
  const cleaned = local
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/([._-])[._-]+/g, '$1')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40)
    .replace(/[._-]+$/, '');
  return cleaned.length >= 2 ? cleaned : `user${cleaned}`;
}

/**
 * Creates or updates the user linked to an identity provider account, in one transaction: a new
 * user gets a login derived from `preferredLogin` (made unique with a suffix); an existing one gets
 * the new display name, email and roles. Missing groups are created and the memberships set to
 * exactly the mapped list; a user without a primary group gets the first mapped group.
 * A disabled user is `AUTH.UNAUTHENTICATED`.
 */
export async function upsertOidcUser(dataSource: DataSource, now: () => Date, identity: OidcIdentity): Promise<Principal> {
  assertValid('single sign-on identity', [
    checkText(identity.issuer, 'issuer', 1000),
    checkText(identity.subject, 'subject', 1000),
    checkText(identity.displayName, 'displayName'),
    checkEmail(identity.email),
    checkRoles(identity.roles),
    ...identity.memberships.flatMap((m, i) => [checkGroupName(m.groupName, `memberships[${i}].groupName`), checkRole(m.role, `memberships[${i}].role`)]),
  ]);
  const wanted = new Map<string, Role>();
  for (const m of identity.memberships) if (!wanted.has(m.groupName)) wanted.set(m.groupName, m.role);
  return dataSource.transaction(async (manager) => {
    // One identity's concurrent first logins must create one user.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`account.oidc ${identity.issuer} ${identity.subject}`]);
    const user = await upsertUser(manager, now(), identity);
    const names = [...wanted.keys()];
    await manager.query(
      `INSERT INTO account.groups (id, name, display_name, created_at) SELECT 'grp-' || name, name, name, $2 FROM unnest($1::text[]) AS name ON CONFLICT DO NOTHING`,
      [names, now()],
    );
    const groupIds = names.map(groupIdOf);
    await manager.query(`DELETE FROM account.memberships WHERE user_id = $1 AND NOT (group_id = ANY ($2))`, [user.id, groupIds]);
    await manager.query(
      `INSERT INTO account.memberships (group_id, user_id, role) SELECT group_id, $1, role FROM unnest($2::text[], $3::text[]) AS m (group_id, role)
       ON CONFLICT (group_id, user_id) DO UPDATE SET role = excluded.role`,
      [user.id, groupIds, [...wanted.values()]],
    );
    if (user.primaryGroupId === null && groupIds[0] !== undefined) await manager.update(UserEntity, { id: user.id }, { primaryGroupId: groupIds[0] });
    await notifyAccountChanged(manager, { kind: 'user_changed', userId: user.id });
    const principal = await loadPrincipal(manager, user.id, { activeOnly: true });
    if (!principal) throw new PitrixError('SYSTEM.INTERNAL', `User ${user.id} vanished while signing in`);
    return principal;
  });
}

async function upsertUser(manager: EntityManager, now: Date, identity: OidcIdentity): Promise<UserEntity> {
  const found = await manager.findOne(UserEntity, { where: { oidcIssuer: identity.issuer, oidcSubject: identity.subject }, lock: { mode: 'pessimistic_write' } });
  if (found) {
    if (found.status !== 'active') throw new PitrixError('AUTH.UNAUTHENTICATED', `User ${found.login} is disabled`);
    if (identity.displayName !== undefined) found.displayName = identity.displayName;
    if (identity.email !== undefined) found.email = identity.email;
    found.roles = sortRoles(identity.roles);
    found.updatedAt = now;
    await manager.update(UserEntity, { id: found.id }, { displayName: found.displayName, email: found.email, roles: found.roles, updatedAt: now });
    return found;
  }
  // New logins are chosen one at a time, so two new users cannot pick the same one.
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('account.new_login'))`);
  const login = await freeLogin(manager, loginFrom(identity.preferredLogin));
  const user = Object.assign(new UserEntity(), {
    id: newId('user'),
    login,
    displayName: identity.displayName ?? login,
    email: identity.email ?? null,
    status: 'active' as const,
    roles: sortRoles(identity.roles),
    primaryGroupId: null,
    passwordHash: null,
    oidcIssuer: identity.issuer,
    oidcSubject: identity.subject,
    createdAt: now,
    updatedAt: now,
  });
  await manager.insert(UserEntity, user);
  return user;
}
