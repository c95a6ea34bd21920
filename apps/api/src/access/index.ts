export { hasRole, isAdmin } from './caller.js';
export type { Caller, Role } from './caller.js';
export { canSee, isUnder, ownerPathFor, visibleOwnerCondition, visibleOwnerSql, visibleOwnerWhere } from './owner-paths.js';
export { OPERATION_RULES, ruleFor } from './operation-rules.js';
export type { OperationRule, OperationType } from './operation-rules.js';
export { authorizeOperation, isAdminOnly } from './authorize.js';
export { CAPABILITIES, may, requireCapability, requireRole } from './capabilities.js';
export type { Capability } from './capabilities.js';
