import { Ec2Fault, invalidValue } from './faults.js';
import type { Filter, QueryParams } from './query.js';

/** The filterable values of one resource: filter name → the resource's values for it. */
export type FilterFields = Readonly<Record<string, readonly string[]>>;

/**
 * Whether a resource passes every filter (Describe* filtering: filters AND together, the values of
 * one filter OR, `*` and `?` are wildcards). `tag:<key>` matches a tag's value, `tag-key` a key. A
 * filter name the action does not support is `InvalidParameterValue`, as EC2 answers.
 */
export function matchesFilters(filters: readonly Filter[], fields: FilterFields, tags: ReadonlyMap<string, string>, supported: readonly string[]): boolean {
  return filters.every((filter) => {
    const values = valuesFor(filter.name, fields, tags, supported);
    return filter.values.some((wanted) => values.some((value) => wildcard(wanted).test(value)));
  });
}

/** Checks the filter names before any resource is looked at, so an empty result cannot hide a typo. */
export function checkFilterNames(filters: readonly Filter[], supported: readonly string[]): void {
  for (const filter of filters) valuesFor(filter.name, {}, new Map(), supported);
}

function valuesFor(name: string, fields: FilterFields, tags: ReadonlyMap<string, string>, supported: readonly string[]): readonly string[] {
  if (name.startsWith('tag:')) {
    const value = tags.get(name.slice(4));
    return value === undefined ? [] : [value];
  }
  if (name === 'tag-key') return [...tags.keys()];
  if (!supported.includes(name)) throw invalidValue(`Unknown filter ${name}`);
  return fields[name] ?? [];
}

/** `*` is any run of characters, `?` any one character, and a backslash makes the next character literal. */
function wildcard(pattern: string): RegExp {
  let body = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) body += escapeRegExp(pattern[++i] as string);
    else if (c === '*') body += '.*';
    else if (c === '?') body += '.';
    else body += escapeRegExp(c);
  }
  return new RegExp(`^${body}$`, 's');
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * One page of a paginated Describe* result: `MaxResults` (within the action's bounds) and an opaque
 * `NextToken`; a token the fake did not issue is `InvalidPaginationToken`. Without `MaxResults`
 * everything comes back in one page.
 */
export function page<T>(items: readonly T[], params: QueryParams, bounds: { min: number; max: number }): { items: T[]; nextToken?: string } {
  const max = params.int('MaxResults');
  const token = params.get('NextToken');
  const start = token === undefined ? 0 : decodeToken(token);
  if (max === undefined) return { items: items.slice(start) };
  if (max < bounds.min || max > bounds.max) throw invalidValue(`MaxResults must be between ${bounds.min} and ${bounds.max}`);
  const end = start + max;
  return { items: items.slice(start, end), nextToken: end < items.length ? Buffer.from(`page:${end}`).toString('base64') : undefined };
}

function decodeToken(token: string): number {
  const match = /^page:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!match) throw new Ec2Fault('InvalidPaginationToken', `Invalid pagination token: ${token}`);
  return Number(match[1]);
}
