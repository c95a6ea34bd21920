import { PitrixError } from '@pitrix/errors';
import type { Role } from '@pitrix/package';
import type { PlanContext } from '../context.js';

/** The blueprint role named `name`, or `CLUSTER.ROLE_NOT_FOUND` listing the roles that exist. */
export function requireRole(ctx: PlanContext, name: string, path: string): Role {
  const role = ctx.roles.get(name);
  if (role) return role;
  const known = [...ctx.roles.keys()].map((role) => JSON.stringify(role)).join(', ');
  throw new PitrixError('CLUSTER.ROLE_NOT_FOUND', `role "${name}" is not in the blueprint (roles: ${known})`, [
    { path, message: 'unknown role', expected: known, found: name },
  ]);
}
