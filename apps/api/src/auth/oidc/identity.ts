import type { OidcIdentity as StoredOidcIdentity, Role } from '@pitrix/account-store';
import type { OidcGroupMapping } from '@pitrix/config';
import { PitrixError } from '@pitrix/errors';

/** A platform role, as the account store defines it. */
export type OidcRole = Role;

/** Roles from least to most privileged: when two mapped IdP groups name one Pitrix group, the later one here wins. */
const ROLE_RANK: readonly OidcRole[] = ['user', 'developer', 'reviewer', 'admin'];

/**
 * Who signed in at the identity provider, as the account store takes it (roles and memberships
 * already mapped), plus the provider's `email_verified` claim when it sent one: do not link an
 * existing account by an email address unless this is true.
 */
export interface OidcIdentity extends StoredOidcIdentity {
  readonly emailVerified?: boolean;
}

/** How ID token claims map to Pitrix roles (the PITRIX_OIDC_* settings). */
export interface OidcClaimMapping {
  /** Claim listing the IdP groups; a dotted path (`realm_access.roles`) reaches into nested objects. */
  readonly groupsClaim: string;
  readonly groupMap: readonly OidcGroupMapping[];
  readonly defaultRole: OidcRole;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The claim at `name`, taken literally first, then as a dotted path into nested objects. */
function claimAt(claims: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name];
  let current: unknown = claims;
  for (const part of name.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * The IdP groups in the groups claim: an array of strings (other entries ignored), or a single
 * string taken as one group; absent or of another type means none.
 */
export function idpGroupsFrom(claims: Record<string, unknown>, groupsClaim: string): string[] {
  const value = claimAt(claims, groupsClaim);
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (!Array.isArray(value)) return [];
  return value.filter((group): group is string => typeof group === 'string');
}

/** True when the groups claim is present (at the top level or at its dotted path). */
export function hasGroupsClaim(claims: Record<string, unknown>, groupsClaim: string): boolean {
  return claimAt(claims, groupsClaim) !== undefined;
}

function higher(a: OidcRole, b: OidcRole): OidcRole {
  return ROLE_RANK.indexOf(a) >= ROLE_RANK.indexOf(b) ? a : b;
}

/**
 * Maps validated ID token (and userinfo) claims to an identity. Pure: no I/O.
 *
 * - login: `preferred_username`, else the local part of `email`, else `sub`;
 * - every mapping entry whose IdP group the person has grants its role in its Pitrix group (the
 *   highest role wins per group: user < developer < reviewer < admin), or platform-wide when the
 *   entry names no group;
 * - when no entry matched at all, the default role applies platform-wide.
 *
 * Throws AUTH.UNAUTHENTICATED when the claims have no `sub`.
 */
export function identityFromClaims(claims: Record<string, unknown>, issuer: string, mapping: OidcClaimMapping): OidcIdentity {
  const subject = text(claims['sub']);
  if (subject === undefined) throw new PitrixError('AUTH.UNAUTHENTICATED', 'The identity provider’s ID token has no subject (sub claim)');
  const email = text(claims['email']);
  const emailLocalPart = email !== undefined && email.indexOf('@') > 0 ? email.slice(0, email.indexOf('@')) : undefined;
  const preferredLogin = text(claims['preferred_username']) ?? emailLocalPart ?? subject;
  const displayName = text(claims['name']);
  const emailVerified = typeof claims['email_verified'] === 'boolean' ? claims['email_verified'] : undefined;

  const idpGroups = new Set(idpGroupsFrom(claims, mapping.groupsClaim));
  const roles: OidcRole[] = [];
  const groupRoles = new Map<string, OidcRole>();
  let matched = false;
  for (const entry of mapping.groupMap) {
    if (!idpGroups.has(entry.idpGroup)) continue;
    matched = true;
    if (entry.group === undefined) {
      if (!roles.includes(entry.role)) roles.push(entry.role);
    } else {
      const current = groupRoles.get(entry.group);
      groupRoles.set(entry.group, current === undefined ? entry.role : higher(current, entry.role));
    }
  }
  if (!matched) roles.push(mapping.defaultRole);
  roles.sort((a, b) => ROLE_RANK.indexOf(b) - ROLE_RANK.indexOf(a));

  return {
    issuer,
    subject,
    preferredLogin,
    ...(displayName !== undefined ? { displayName } : {}),
    ...(email !== undefined ? { email } : {}),
    ...(emailVerified !== undefined ? { emailVerified } : {}),
    roles,
    memberships: [...groupRoles].map(([groupName, role]) => ({ groupName, role })),
  };
}
