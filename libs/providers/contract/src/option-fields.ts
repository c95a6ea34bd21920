/**
 * How a provider describes its per-runtime options, so a client can render a form for them
 * instead of asking for raw JSON. Each provider declares its fields next to the parser that
 * validates them; the parser remains the judge of what a value may be.
 */

/**
 * What kind of value a field holds. `json` is for structured values no simple input fits (a table
 * of instance types); a client shows a JSON editor for it.
 */
export type ProviderOptionType = 'string' | 'number' | 'boolean' | 'string-list' | 'json';

/** The value kinds, for checking a declaration and for clients that enumerate them. */
export const PROVIDER_OPTION_TYPES: readonly ProviderOptionType[] = ['string', 'number', 'boolean', 'string-list', 'json'];

/** One runtime option of a provider. */
export interface ProviderOptionField {
  /** Where the value lives in the options object; a dot nests it (`quota.cpu` is `{ quota: { cpu } }`). */
  readonly key: string;
  /** A short human name for a form. */
  readonly label: string;
  readonly type: ProviderOptionType;
  /** What the option does and what an unset value means. */
  readonly description: string;
  /** Whether a runtime cannot work without it (it has no default then). */
  readonly required: boolean;
  /** The value used when the option is unset; absent when unset means something else (or nothing). */
  readonly default?: unknown;
}

/** The top-level keys of an options object the fields declare (what a parser accepts). */
export function declaredOptionKeys(fields: readonly ProviderOptionField[]): string[] {
  return [...new Set(fields.map((field) => field.key.split('.')[0]!))];
}

/** An options object holding every declared default, nested by key. */
export function optionDefaults(fields: readonly ProviderOptionField[]): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.default !== undefined) setOption(options, field.key, field.default);
  }
  return options;
}

/** Sets `value` at a dotted `key` of `options`, creating the nested objects on the way. */
export function setOption(options: Record<string, unknown>, key: string, value: unknown): void {
  const path = key.split('.');
  let target = options;
  for (const segment of path.slice(0, -1)) {
    const next = target[segment];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) target[segment] = {};
    target = target[segment] as Record<string, unknown>;
  }
  target[path[path.length - 1]!] = value;
}

/** The value at a dotted `key` of `options`, or undefined. */
export function getOption(options: Readonly<Record<string, unknown>>, key: string): unknown {
  let value: unknown = options;
  for (const segment of key.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** Whether `value` is of the field's type. */
export function matchesOptionType(type: ProviderOptionType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string-list':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'json':
      return typeof value === 'object' && value !== null;
  }
}
