import type { FieldProblem } from '../../api/problem.js';
import type { ResultOf } from '../../graphql.js';
import type { PROVIDERS_QUERY } from './runtime-documents.js';

/** One runtime option as the API describes it. */
export type OptionField = ResultOf<typeof PROVIDERS_QUERY>['providers'][number]['optionFields'][number];

/**
 * What a field's input holds while the user edits it: a string, a number or '' for an empty number,
 * a boolean or undefined for "the provider decides", a list, or the JSON text of a structured value.
 */
export type OptionDraft = string | number | boolean | readonly string[] | undefined;

/** The default of a field as a value (the API sends it as JSON text), or undefined. */
export function defaultOf(field: OptionField): unknown {
  return field.defaultJson === null ? undefined : (JSON.parse(field.defaultJson) as unknown);
}

/** Every input starts at its field's default, so the form shows what an unset option means. */
export function initialDrafts(fields: readonly OptionField[]): Record<string, OptionDraft> {
  return Object.fromEntries(fields.map((field) => [field.key, draftOf(field, defaultOf(field))]));
}

function draftOf(field: OptionField, value: unknown): OptionDraft {
  switch (field.type) {
    case 'NUMBER':
      return typeof value === 'number' ? value : '';
    case 'BOOLEAN':
      return typeof value === 'boolean' ? value : undefined;
    case 'STRING_LIST':
      return Array.isArray(value) ? value.map(String) : [];
    case 'JSON':
      return value === undefined ? '' : JSON.stringify(value, null, 2);
    default:
      return typeof value === 'string' ? value : '';
  }
}

/**
 * The options object to send: only what the user set to something other than the default, nested
 * by the dotted keys (`quota.cpu`), so the stored options stay minimal and defaults stay the
 * provider's. A JSON field that does not parse is an error naming it.
 */
export function optionsFromDrafts(fields: readonly OptionField[], drafts: Readonly<Record<string, OptionDraft>>): { options: Record<string, unknown>; errors: Record<string, string> } {
  const options: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const read = valueOf(field, drafts[field.key]);
    if ('error' in read) {
      errors[field.key] = read.error;
      continue;
    }
    if (read.value === undefined || JSON.stringify(read.value) === field.defaultJson) continue;
    setNested(options, field.key, read.value);
  }
  return { options, errors };
}

function valueOf(field: OptionField, draft: OptionDraft): { value: unknown } | { error: string } {
  if (draft === undefined || draft === '') return { value: undefined };
  if (Array.isArray(draft)) return { value: draft.length > 0 ? [...draft] : undefined };
  if (field.type !== 'JSON') return { value: draft };
  try {
    const value = JSON.parse(draft as string) as unknown;
    return typeof value === 'object' && value !== null ? { value } : { error: 'expected a JSON object or list' };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

function setNested(options: Record<string, unknown>, key: string, value: unknown): void {
  const path = key.split('.');
  let target = options;
  for (const segment of path.slice(0, -1)) {
    target[segment] ??= {};
    target = target[segment] as Record<string, unknown>;
  }
  target[path[path.length - 1]!] = value;
}

/** Required fields still empty, by label. */
export function missingRequired(fields: readonly OptionField[], drafts: Readonly<Record<string, OptionDraft>>): string[] {
  return fields.filter((field) => field.required && isEmpty(drafts[field.key])).map((field) => field.label);
}

function isEmpty(draft: OptionDraft): boolean {
  return draft === undefined || draft === '' || (Array.isArray(draft) && draft.length === 0);
}

/**
 * The API's problems with the options, by the field they belong to: a problem at
 * `options.quota.cpu` or `options.zones[0]` goes to the field `quota.cpu` or `zones`.
 */
export function problemsByField(fields: readonly OptionField[], problems: readonly FieldProblem[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const problem of problems) {
    const field = fields.find((f) => problem.path === `options.${f.key}` || problem.path.startsWith(`options.${f.key}.`) || problem.path.startsWith(`options.${f.key}[`));
    if (field) byField[field.key] = [byField[field.key], problem.message].filter(Boolean).join('; ');
  }
  return byField;
}
