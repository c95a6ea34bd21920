import { PitrixError } from '@pitrix/errors';
import { hasRole, type Caller, type Role } from './caller.js';

/**
 * Things an allowed operation may do only for some callers, decided by its arguments rather than
 * its name. Each needs admin because it reaches the API's own machine or everyone's catalog.
 */
export const CAPABILITIES = {
  localRuntime: { role: 'admin', action: 'use the local provider (its hooks run on the control host)' },
  fileRepo: { role: 'admin', action: 'use a file:// repository (a folder on the API’s machine)' },
  publicRepo: { role: 'admin', action: 'make a repository public (its versions reach every user)' },
  clusterFromPackagePath: { role: 'admin', action: 'create a cluster from a packageUrl (a path on the API’s machine)' },
} as const satisfies Record<string, { role: Role; action: string }>;

/** A capability an operation may need. */
export type Capability = keyof typeof CAPABILITIES;

/** Whether the caller has a capability. */
export function may(caller: Caller, capability: Capability): boolean {
  return hasRole(caller, CAPABILITIES[capability].role);
}

/** Throws `AUTH.FORBIDDEN` naming the role needed unless the caller has the capability. */
export function requireCapability(caller: Caller, capability: Capability): void {
  const { role, action } = CAPABILITIES[capability];
  if (!hasRole(caller, role)) throw new PitrixError('AUTH.FORBIDDEN', `${caller.login} may not ${action}: it needs the role ${role}`);
}

/** Throws `AUTH.FORBIDDEN` unless the caller holds one of `roles`. */
export function requireRole(caller: Caller, action: string, ...roles: Role[]): void {
  if (!roles.some((role) => hasRole(caller, role))) {
    throw new PitrixError('AUTH.FORBIDDEN', `${caller.login} may not ${action}: it needs the role ${roles.join(' or ')}`);
  }
}
