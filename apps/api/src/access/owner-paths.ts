import { PitrixError } from '@pitrix/errors';
import { isAdmin, type Caller } from './caller.js';

/**
 * True when `ownerPath` is `path` or lies under it: `grp-a.usr-b` is under `grp-a`, while
 * `usr-bobby` is not under `usr-bob` (a bare prefix match would say it is).
 */
export function isUnder(ownerPath: string, path: string): boolean {
  return ownerPath === path || ownerPath.startsWith(`${path}.`);
}

/** True when the caller may see a resource with this owner path. */
export function canSee(caller: Caller, ownerPath: string): boolean {
  return isAdmin(caller) || caller.visiblePaths.some((path) => isUnder(ownerPath, path));
}

/** Escapes `%`, `_` and `\` so that a value matches itself inside a LIKE pattern. */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The SQL condition "`column` is visible to the caller", the one rule every list query uses.
 * `bind` adds a parameter and returns its placeholder, so the same condition serves positional
 * (`$1`) and named (`:p`) queries. An admin's condition is `true`.
 */
export function visibleOwnerCondition(caller: Caller, column: string, bind: (value: string) => string): string {
  if (isAdmin(caller)) return 'true';
  if (caller.visiblePaths.length === 0) return 'false';
  const terms = caller.visiblePaths.map((path) => `(${column} = ${bind(path)} OR ${column} LIKE ${bind(`${escapeLike(path)}.%`)})`);
  return `(${terms.join(' OR ')})`;
}

/** The condition for positional queries: placeholders continue after the parameters in `params`. */
export function visibleOwnerSql(caller: Caller, column: string, params: unknown[]): string {
  return visibleOwnerCondition(caller, column, (value) => `$${params.push(value)}`);
}

/** The condition for TypeORM query builders, with its named parameters (prefixed to stay unique). */
export function visibleOwnerWhere(caller: Caller, column: string, prefix = 'visible'): [string, Record<string, string>] {
  const params: Record<string, string> = {};
  const sql = visibleOwnerCondition(caller, column, (value) => {
    const name = `${prefix}${Object.keys(params).length}`;
    params[name] = value;
    return `:${name}`;
  });
  return [sql, params];
}

/**
 * The owner path of a resource the caller creates: its own, or a group's when it shares the
 * resource with the group (only an admin or a member of the group may).
 */
export function ownerPathFor(caller: Caller, groupId: string | undefined): string {
  if (!groupId) return caller.ownerPath;
  if (!isAdmin(caller) && !caller.visiblePaths.includes(groupId)) {
    throw new PitrixError('AUTH.FORBIDDEN', `${caller.login} may not create resources for ${groupId}: only its members and admins may`);
  }
  return groupId;
}
