import { formatPath } from '../json-path.js';
import type { JsonNode, Placeholder } from '../json/ast.js';

/** A reference that could not be rendered, with where it was written. */
export interface RenderIssue {
  readonly code: 'template.unknown_reference' | 'template.not_text';
  readonly ref: string;
  readonly offset: number;
  readonly message: string;
}

type Lookup = { found: true; value: unknown } | { found: false };

/**
 * Resolves a dotted reference in the values. Keys may themselves contain dots
 * (`env.common.param`), so at each level the longest key that exists wins.
 */
export function lookup(values: unknown, ref: string): Lookup {
  return lookupSegments(values, ref.split('.'));
}

function lookupSegments(current: unknown, segments: readonly string[]): Lookup {
  if (segments.length === 0) return { found: true, value: current };
  if (typeof current !== 'object' || current === null || Array.isArray(current)) return { found: false };
  const record = current as Record<string, unknown>;
  for (let take = segments.length; take >= 1; take--) {
    const key = segments.slice(0, take).join('.');
    if (Object.hasOwn(record, key)) {
      const rest = lookupSegments(record[key], segments.slice(take));
      if (rest.found) return rest;
    }
  }
  return { found: false };
}

/**
 * Renders a template tree into a plain value tree. A whole-value placeholder becomes the typed
 * value itself (a number stays a number); a placeholder inside a string is written as text. The
 * values are inserted as data, never parsed again, so no value can change the structure.
 */
export function evaluate(node: JsonNode, values: unknown, issues: RenderIssue[]): unknown {
  switch (node.kind) {
    case 'object':
      return Object.fromEntries(node.entries.map((entry) => [entry.key, evaluate(entry.value, values, issues)]));
    case 'array':
      return node.items.map((item) => evaluate(item, values, issues));
    case 'literal':
      return node.value;
    case 'placeholder':
      return resolve(node, values, issues);
    case 'text':
      return node.parts.map((part) => (typeof part === 'string' ? part : asText(part, resolve(part, values, issues), issues))).join('');
  }
}

function resolve(placeholder: Placeholder, values: unknown, issues: RenderIssue[]): unknown {
  const result = lookup(values, placeholder.ref);
  if (result.found) return structuredCloneSafe(result.value);
  issues.push({
    code: 'template.unknown_reference',
    ref: placeholder.ref,
    offset: placeholder.offset,
    message: `{{${placeholder.ref}}} does not name a value declared in config.json`,
  });
  return null;
}

function asText(placeholder: Placeholder, value: unknown, issues: RenderIssue[]): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return '';
  issues.push({
    code: 'template.not_text',
    ref: placeholder.ref,
    offset: placeholder.offset,
    message: `{{${placeholder.ref}}} is a ${Array.isArray(value) ? 'list' : 'group'} and cannot be written inside a string (at ${formatPath(placeholder.ref.split('.'))})`,
  });
  return '';
}

// Values are plain JSON data; a copy keeps one rendered subtree from aliasing another.
function structuredCloneSafe(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? JSON.parse(JSON.stringify(value)) : value;
}
