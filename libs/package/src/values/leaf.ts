import type { ConfigParam } from '../schema/config.js';
import { summarise } from '../schema/validate.js';

/** One way a value breaks its parameter's rules; the caller adds the file and the path. */
export interface LeafViolation {
  readonly code: string;
  readonly message: string;
  readonly expected?: string;
  readonly found?: unknown;
}

/** The longest string a parameter accepts, so a pattern never runs over unbounded input. */
export const MAX_STRING_LENGTH = 65_536;

const patterns = new WeakMap<ConfigParam, RegExp | null>();

/** True when the parameter must be given (`required: true` or `"yes"`). */
export function isRequired(param: ConfigParam): boolean {
  return param.required === true || param.required === 'yes';
}

/** The value a leaf takes when neither the user nor a default gives one (OpenPitrix's zero values). */
export function zeroValue(param: ConfigParam): unknown {
  switch (param.type) {
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'loadbalancer':
      return [];
    default:
      return '';
  }
}

/** What a value of this parameter is shown as in problems: never a password. */
export function shown(param: ConfigParam, value: unknown): unknown {
  return param.type === 'password' ? '(secret, not shown)' : summarise(value);
}

/** Normalises a value before checking: -0 becomes 0, a multichoice list is joined with its separator. */
export function normaliseLeaf(param: ConfigParam, value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  if (param.multichoice && Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(param.separator ?? ',');
  return value;
}

/** Checks one leaf value against its type, bounds, step, range and pattern; empty when it is valid. */
export function checkLeaf(param: ConfigParam, value: unknown): LeafViolation[] {
  const typeProblem = checkType(param, value);
  if (typeProblem) return [typeProblem];
  const problems: LeafViolation[] = [];
  if (typeof value === 'number') problems.push(...checkNumber(param, value));
  if (typeof value === 'string') problems.push(...checkString(param, value));
  if (param.range !== undefined && !param.multichoice && !param.range.some((item) => item === value)) {
    problems.push({ code: 'values.not_in_range', message: 'is not one of the allowed values', expected: `one of ${param.range.map((item) => JSON.stringify(item)).join(', ')}`, found: shown(param, value) });
  }
  return problems;
}

function checkType(param: ConfigParam, value: unknown): LeafViolation | undefined {
  const fail = (expected: string) => ({ code: 'values.invalid_type', message: `must be ${expected}`, expected, found: shown(param, value) });
  switch (param.type) {
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? undefined : fail('an integer');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : fail('a number');
    case 'boolean':
      return typeof value === 'boolean' ? undefined : fail('true or false');
    case 'loadbalancer':
      return Array.isArray(value) && value.every(isListener) ? undefined : fail('a list of {listener, port, policy?}');
    default:
      return typeof value === 'string' ? undefined : fail('a string');
  }
}

function isListener(item: unknown): boolean {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
  const { listener, port, policy, ...rest } = item as Record<string, unknown>;
  const validPort = typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535;
  return typeof listener === 'string' && listener !== '' && validPort && (policy === undefined || typeof policy === 'string') && Object.keys(rest).length === 0;
}

function checkNumber(param: ConfigParam, value: number): LeafViolation[] {
  const problems: LeafViolation[] = [];
  if (param.min !== undefined && value < param.min) problems.push({ code: 'values.below_min', message: 'is below the minimum', expected: `>= ${param.min}`, found: value });
  if (param.max !== undefined && value > param.max) problems.push({ code: 'values.above_max', message: 'is above the maximum', expected: `<= ${param.max}`, found: value });
  if (param.step !== undefined) {
    const base = param.min ?? 0;
    const steps = (value - base) / param.step;
    if (Math.abs(steps - Math.round(steps)) > 1e-9) {
      problems.push({ code: 'values.step', message: `must be ${base} plus a multiple of ${param.step}`, expected: `${base} + n × ${param.step}`, found: value });
    }
  }
  return problems;
}

function checkString(param: ConfigParam, value: string): LeafViolation[] {
  if (value.length > MAX_STRING_LENGTH) return [{ code: 'values.too_long', message: 'is too long', expected: `<= ${MAX_STRING_LENGTH} characters`, found: value.length }];
  const problems: LeafViolation[] = [];
  const pattern = compiledPattern(param);
  if (pattern && value !== '' && !pattern.test(value)) {
    problems.push({ code: 'values.pattern', message: 'does not match the pattern', expected: `a match of /${param.pattern}/`, found: shown(param, value) });
  }
  if (param.multichoice && param.range !== undefined) {
    const separator = param.separator ?? ',';
    const chosen = value === '' ? [] : value.split(separator);
    const outside = chosen.filter((item) => !param.range?.includes(item));
    if (outside.length > 0) {
      problems.push({ code: 'values.not_in_range', message: `has choices that are not allowed: ${outside.join(', ')}`, expected: `choices from ${param.range.join(', ')} joined by "${separator}"`, found: value });
    }
  }
  return problems;
}

function compiledPattern(param: ConfigParam): RegExp | null {
  if (param.pattern === undefined) return null;
  let pattern = patterns.get(param);
  if (pattern === undefined) {
    try {
      pattern = new RegExp(param.pattern, 'u');
    } catch {
      pattern = null;
    }
    patterns.set(param, pattern);
  }
  return pattern;
}
