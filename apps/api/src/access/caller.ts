import type { Role } from '@pitrix/account-store';

/** The platform roles (defined with the accounts that hold them). An admin holds every role. */
export type { Role };

/**
 * Who is calling, as resolved from a session cookie or an access token. Every resource records
 * its owner and owner path; a caller sees what lies at or under one of its visible paths.
 */
export interface Caller {
  readonly userId: string;
  readonly login: string;
  readonly roles: readonly Role[];
  /** The path new resources of this caller get, e.g. `grp-acme.usr-k3x9m2pqrs`. */
  readonly ownerPath: string;
  /** Owner paths whose resources the caller sees: its own and its groups' (an admin sees all). */
  readonly visiblePaths: readonly string[];
  /** A read-only token may only query and subscribe. */
  readonly scope: 'read' | 'full';
  readonly authenticatedBy: 'session' | 'token';
  /** The token a request authenticated with, so that it can be revoked by id. */
  readonly tokenId?: string;
  /** When the credential stops being valid, if it has an end that a cache must respect. */
  readonly expiresAt?: Date;
}

/** True when the caller holds `role` (admins hold every role). */
export function hasRole(caller: Pick<Caller, 'roles'>, role: Role): boolean {
  return caller.roles.includes('admin') || caller.roles.includes(role);
}

/** True for an administrator, who sees and may change everything. */
export function isAdmin(caller: Pick<Caller, 'roles'>): boolean {
  return caller.roles.includes('admin');
}
