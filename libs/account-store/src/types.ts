/** Platform roles, from most to least powerful; a user holds the union of direct and membership roles. */
export const ROLES = ['admin', 'developer', 'reviewer', 'user'] as const;

/** A platform role. */
export type Role = (typeof ROLES)[number];

/** True when `value` is a platform role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Scope of a personal access token: `read` may only query, `full` may do what its user may. */
export type TokenScope = 'read' | 'full';

/** A user as the store hands it out: never a password hash. */
export interface UserRecord {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly status: 'active' | 'disabled';
  /** Platform roles granted directly (membership roles are added in `Principal.roles`). */
  readonly roles: readonly Role[];
  readonly primaryGroupId: string | null;
  /** Whether the user can log in with a password (single-sign-on users may have none). */
  readonly hasPassword: boolean;
  /** The identity provider account linked to this user, if any. */
  readonly sso: { readonly issuer: string; readonly subject: string } | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A group; its id is `grp-<name>` so that owner paths stay readable. */
export interface GroupRecord {
  readonly id: string;
  readonly name: string;
  readonly displayName: string;
  readonly createdAt: Date;
}

/** A personal access token as listed: never the token or its hash. */
export interface TokenRecord {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly scope: TokenScope;
  /** `null`: never expires. */
  readonly expiresAt: Date | null;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

/** One entry of the security event log (logins, token and account changes); never a secret. */
export interface SecurityEventRecord {
  readonly id: string;
  readonly at: Date;
  readonly action: string;
  readonly outcome: 'success' | 'failure';
  readonly actorId: string | null;
  readonly actorLogin: string | null;
  readonly target: string | null;
  readonly sourceAddress: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

/** Who a request acts as: the user, every role it holds and where its new resources go. */
export interface Principal {
  readonly userId: string;
  readonly login: string;
  readonly displayName: string;
  /** Direct platform roles ∪ membership roles, deduplicated and sorted. */
  readonly roles: readonly Role[];
  /** `${primaryGroupId}.${userId}`, or `userId` for a user without a primary group. */
  readonly ownerPath: string;
  /** Groups the user is a member of, sorted. */
  readonly groupIds: readonly string[];
}

/** A principal reached through a personal access token, with the token's scope. */
export interface TokenPrincipal {
  readonly principal: Principal;
  readonly scope: TokenScope;
  readonly tokenId: string;
  readonly expiresAt: Date | null;
}

/**
 * Payload of a notification on `ACCOUNT_CHANGED_CHANNEL`: whatever a process cached for `tokenId`,
 * or else for `userId`, or else (neither given) for everyone, may now resolve differently.
 */
export interface AccountChange {
  readonly kind: 'user_changed' | 'membership_changed' | 'token_revoked' | 'session_revoked';
  readonly userId?: string;
  readonly tokenId?: string;
}
