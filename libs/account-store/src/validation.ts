import { PitrixError, type Problem } from '@pitrix/errors';
import { isRole, ROLES } from './types.js';

/** A login: lowercase, starts with a letter, 2 to 40 characters. */
export const LOGIN_PATTERN = /^[a-z][a-z0-9._-]{1,39}$/;
/** A group name: lowercase, starts with a letter, 2 to 40 characters, no dots (it is part of owner paths). */
export const GROUP_NAME_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;

const MIN_PASSWORD = 12;
const MAX_PASSWORD = 1024;
const MAX_TEXT = 200;
const MAX_PAGE = 1000;

type Check = Problem | undefined;

/** Throws `INPUT.INVALID` listing every problem found, if any. */
export function assertValid(what: string, checks: readonly Check[]): void {
  const problems = checks.filter((p): p is Problem => p !== undefined);
  if (problems.length > 0) throw new PitrixError('INPUT.INVALID', `Invalid ${what}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
}

/** A login that does not match `LOGIN_PATTERN`. */
export function checkLogin(login: string, path = 'login'): Check {
  return LOGIN_PATTERN.test(login) ? undefined : { path, message: 'must be 2-40 lowercase letters, digits, ".", "_" or "-", starting with a letter', expected: String(LOGIN_PATTERN), found: login };
}

/** A group name that does not match `GROUP_NAME_PATTERN`. */
export function checkGroupName(name: string, path = 'name'): Check {
  return GROUP_NAME_PATTERN.test(name) ? undefined : { path, message: 'must be 2-40 lowercase letters, digits or "-", starting with a letter', expected: String(GROUP_NAME_PATTERN), found: name };
}

/** A role that is not a platform role. */
export function checkRole(role: unknown, path = 'role'): Check {
  return isRole(role) ? undefined : { path, message: 'not a platform role', expected: ROLES.join(' | '), found: role };
}

/** The first bad role of a list. */
export function checkRoles(roles: readonly unknown[], path = 'roles'): Check {
  const index = roles.findIndex((role) => !isRole(role));
  return index < 0 ? undefined : checkRole(roles[index], `${path}[${index}]`);
}

/** An email address without an `@` or far too long (the address is not verified here). */
export function checkEmail(email: string | null | undefined, path = 'email'): Check {
  if (email === undefined || email === null) return undefined;
  return /^[^\s@]+@[^\s@]+$/.test(email) && email.length <= 254 ? undefined : { path, message: 'not an email address', found: email };
}

/** A text (display name, token name…) that is blank or longer than `max` characters. */
export function checkText(value: string | undefined, path: string, max = MAX_TEXT): Check {
  if (value === undefined) return undefined;
  return typeof value === 'string' && value.trim() !== '' && value.length <= max ? undefined : { path, message: `must be 1-${max} characters and not blank`, found: value };
}

/** A password shorter than 12 characters (or absurdly long); the value itself is never echoed. */
export function checkPassword(password: string | undefined, path = 'password'): Check {
  if (password === undefined) return undefined;
  const length = [...password.normalize('NFKC')].length;
  return length >= MIN_PASSWORD && length <= MAX_PASSWORD ? undefined : { path, message: `must be ${MIN_PASSWORD} to ${MAX_PASSWORD} characters`, found: `${length} characters` };
}

/** A page size outside 1..1000. */
export function checkFirst(first: number, path = 'first'): Check {
  return Number.isInteger(first) && first >= 1 && first <= MAX_PAGE ? undefined : { path, message: `must be an integer from 1 to ${MAX_PAGE}`, found: first };
}
