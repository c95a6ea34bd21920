import { formatPath } from '../json-path.js';
import { error, warning, type PackageProblem } from '../problems.js';
import type { ConfigParam, ConfigTree } from '../schema/config.js';
import { checkLeaf, isRequired, normaliseLeaf, shown, zeroValue } from './leaf.js';

/** The values a blueprint is rendered with: `cluster`, `env`, `service_params`, as config.json declares them. */
export type Values = Readonly<Record<string, unknown>>;

/** How values are resolved. */
export interface ResolveOptions {
  /** The values in force before an update: they replace defaults, and `changeable: false` keys must keep them. */
  readonly previous?: Values;
  /** `defaults` checks the package's own defaults (lint): a required key without a default is not an error there. */
  readonly mode?: 'deploy' | 'defaults';
  /** The file name problems are reported against. */
  readonly file?: string;
}

/** The merged values and every violation; the values are only safe to use when no problem is an error. */
export interface ResolvedValues {
  readonly values: Values;
  readonly problems: PackageProblem[];
}

interface Walk {
  readonly options: ResolveOptions;
  readonly file: string;
  readonly problems: PackageProblem[];
}

/**
 * Merges user values over the previous values (on an update) and the defaults. Only declared keys
 * survive (others are reported as warnings and dropped); every leaf is checked for type, min, max,
 * step, range, multichoice, pattern and required, and on an update `changeable: false` keys may
 * not change. Each problem names its JSON path, the expected and the found value.
 */
export function resolveValues(config: ConfigTree, input: unknown, options: ResolveOptions = {}): ResolvedValues {
  const walk: Walk = { options, file: options.file ?? 'values', problems: [] };
  const values = mergeGroup(config.properties, input, options.previous, [], walk);
  return { values, problems: walk.problems };
}

/** Just the defaults of a package, checked as in `resolveValues(config, {}, { mode: 'defaults' })`. */
export function defaultValues(config: ConfigTree): ResolvedValues {
  return resolveValues(config, {}, { mode: 'defaults', file: 'config.json' });
}

function asGroup(value: unknown, path: PropertyKey[], walk: Walk): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  walk.problems.push(error(walk.file, formatPath(path), 'values.invalid_type', 'must be an object of values', { expected: 'an object', found: Array.isArray(value) ? 'a list' : value }));
  return undefined;
}

function mergeGroup(params: readonly ConfigParam[], input: unknown, previous: unknown, path: PropertyKey[], walk: Walk): Record<string, unknown> {
  const given = asGroup(input, path, walk);
  const before = typeof previous === 'object' && previous !== null ? (previous as Record<string, unknown>) : undefined;
  const declared = new Set(params.map((param) => param.key));
  for (const key of Object.keys(given ?? {})) {
    if (!declared.has(key)) {
      walk.problems.push(warning(walk.file, formatPath([...path, key]), 'values.unknown_key', 'is not declared in config.json and is ignored'));
    }
  }
  const entries = params.map((param): [string, unknown] => {
    const here = [...path, param.key];
    const own = (group: Record<string, unknown> | undefined) => (group && Object.hasOwn(group, param.key) ? group[param.key] : undefined);
    if (param.type === 'array') return [param.key, mergeGroup(param.properties ?? [], own(given), own(before), here, walk)];
    return [param.key, mergeLeaf(param, own(given), own(before), here, walk)];
  });
  return Object.fromEntries(entries);
}

function mergeLeaf(param: ConfigParam, given: unknown, before: unknown, path: PropertyKey[], walk: Walk): unknown {
  const where = () => formatPath(path);
  const chosen = given !== undefined ? given : before !== undefined ? before : param.default;
  const value = chosen === undefined ? zeroValue(param) : normaliseLeaf(param, chosen);
  const missing = chosen === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  if (missing && isRequired(param) && walk.options.mode !== 'defaults') {
    walk.problems.push(error(walk.file, where(), 'values.required', 'is required', { expected: `a ${param.type} value` }));
  }
  for (const violation of checkLeaf(param, value)) {
    const { code, message, ...detail } = violation;
    walk.problems.push(error(walk.file, where(), code, message, detail));
  }
  if (walk.options.previous !== undefined && param.changeable === false && before !== undefined && !sameValue(before, value)) {
    walk.problems.push(error(walk.file, where(), 'values.not_changeable', 'cannot change after the cluster is created', { expected: param.type === 'password' ? 'the current value' : JSON.stringify(before), found: shown(param, value) }));
  }
  return value;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
