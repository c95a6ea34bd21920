import { PitrixError } from '@pitrix/errors';

/** What a caller may do in the catalog and on resources (checked by the services). */
export type Role = 'user' | 'developer' | 'reviewer' | 'admin';

const ROLES: readonly Role[] = ['user', 'developer', 'reviewer', 'admin'];

/**
 * Who is calling. Every resource records its owner and ownerPath; a caller sees what lies under
 * its access path (an admin's is empty: everything).
 */
export interface Caller {
  readonly userId: string;
  readonly roles: readonly Role[];
  /** The path new resources of this caller get, e.g. `grp-acme.usr-bob`. */
  readonly ownerPath: string;
  /** Prefix of the owner paths this caller may see. */
  readonly accessPath: string;
}

/** True when the caller holds `role` (admins hold every role). */
export function hasRole(caller: Caller, role: Role): boolean {
  return caller.roles.includes('admin') || caller.roles.includes(role);
}

/** Throws `AUTH.FORBIDDEN` unless the caller holds one of `roles`. */
export function requireRole(caller: Caller, action: string, ...roles: Role[]): void {
  if (!roles.some((role) => hasRole(caller, role))) {
    throw new PitrixError('AUTH.FORBIDDEN', `${caller.userId} may not ${action}: it needs the role ${roles.join(' or ')}`);
  }
}

/** True when the caller may see a resource with this owner path. */
export function canSee(caller: Caller, ownerPath: string): boolean {
  return ownerPath.startsWith(caller.accessPath);
}

const USER = /^usr-[a-z0-9-]{1,40}$/;
const GROUP = /^grp-[a-z0-9-]{1,40}$/;

/**
 * Resolves the caller from request headers. Until real authentication lands this trusts
 * `x-pitrix-user`, `x-pitrix-group` and `x-pitrix-roles` as given (a development identity,
 * documented in the README), and a request without them is the local administrator.
 */
export function callerFromHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): Caller {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const userId = header('x-pitrix-user') ?? 'usr-admin';
  const group = header('x-pitrix-group');
  const roles = (header('x-pitrix-roles') ?? (userId === 'usr-admin' ? 'admin' : 'user')).split(',').map((r) => r.trim());
  const problems = [];
  if (!USER.test(userId)) problems.push({ path: 'x-pitrix-user', message: 'expected usr-<name>', found: userId });
  if (group !== undefined && !GROUP.test(group)) problems.push({ path: 'x-pitrix-group', message: 'expected grp-<name>', found: group });
  for (const role of roles) if (!ROLES.includes(role as Role)) problems.push({ path: 'x-pitrix-roles', message: `unknown role; known: ${ROLES.join(', ')}`, found: role });
  if (problems.length > 0) throw new PitrixError('AUTH.UNAUTHENTICATED', 'Invalid caller identity headers', problems);
  const ownerPath = group ? `${group}.${userId}` : userId;
  const isAdmin = roles.includes('admin');
  return { userId, roles: roles as Role[], ownerPath, accessPath: isAdmin ? '' : ownerPath };
}
