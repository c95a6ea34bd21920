import { PitrixError } from '@pitrix/errors';
import { hasRole, type Caller } from './caller.js';
import { ruleFor, type OperationRule, type OperationType } from './operation-rules.js';

/**
 * May this caller run this operation at all? Throws `AUTH.UNAUTHENTICATED` without a caller,
 * `AUTH.FORBIDDEN` naming the role needed otherwise; returns the rule that allowed it.
 */
export function authorizeOperation(caller: Caller | undefined, type: OperationType, field: string): OperationRule {
  const rule = ruleFor(type, field);
  if (!rule) throw new PitrixError('AUTH.FORBIDDEN', `${type}.${field} has no entry in the access matrix, so nobody may call it`);
  if (!caller) throw new PitrixError('AUTH.UNAUTHENTICATED', 'Sign in first: send a session cookie or an access token (Authorization: Bearer …)');
  if (type === 'Mutation' && caller.scope === 'read') {
    throw new PitrixError('AUTH.FORBIDDEN', `${caller.login} may not run ${field}: the access token is read-only`);
  }
  if (rule.allowed !== 'signedIn' && !rule.allowed.some((role) => hasRole(caller, role))) {
    throw new PitrixError('AUTH.FORBIDDEN', `${caller.login} may not run ${field}: it needs the role ${rule.allowed.join(' or ')}`);
  }
  return rule;
}

/** True when only admins may run the operation (such calls are written to the audit log). */
export function isAdminOnly(rule: OperationRule): boolean {
  return rule.allowed !== 'signedIn' && rule.allowed.length === 1 && rule.allowed[0] === 'admin';
}
