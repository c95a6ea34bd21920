import type { z } from 'zod';
import { formatPath } from '../json-path.js';
import { lineColumn, offsetAt, type JsonNode } from '../json/ast.js';
import { error, type PackageProblem } from '../problems.js';
import { normaliseKeys, originalPath, type KeyConflict } from './keys.js';

/** Where a document came from, so problems can name the file and the line. */
export interface DocumentSource {
  readonly file: string;
  readonly tree?: JsonNode;
  readonly text?: string;
  /** Offsets of values already reported (a placeholder that did not resolve): no second problem there. */
  readonly reported?: ReadonlySet<number>;
}

/** A validated document: the typed value when it is valid, and every problem found. */
export interface Validated<T> {
  readonly value?: T;
  readonly problems: PackageProblem[];
}

interface Finding {
  readonly path: readonly PropertyKey[];
  readonly code: string;
  readonly message: string;
  readonly expected?: string;
  readonly found?: unknown;
}

/**
 * Reads snake_case keys as camelCase, then validates against the schema, collecting every
 * problem with the path as the author wrote it (and the line when the source text is known).
 */
export function validateDocument<S extends z.ZodType>(schema: S, raw: unknown, source: DocumentSource): Validated<z.output<S>> {
  const conflicts: KeyConflict[] = [];
  const normalised = normaliseKeys(schema, raw, conflicts);
  const result = schema.safeParse(normalised, { reportInput: true });
  const findings: Finding[] = conflicts.map((conflict) => ({
    path: conflict.path,
    code: 'keys.conflict',
    message: `written both as ${conflict.keys.map((key) => `"${key}"`).join(' and ')}`,
  }));
  if (!result.success) findings.push(...result.error.issues.flatMap(toFindings));
  const problems = findings.flatMap((finding) => located(source, raw, finding));
  return findings.length === 0 && result.success ? { value: result.data, problems } : { problems };
}

function toFindings(issue: z.core.$ZodIssue): Finding[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...issue.path, key], code: 'schema.unknown_field', message: `unknown field "${key}"`, found: key }));
  }
  const params = (issue as { params?: { code?: string; expected?: string } }).params;
  const code = params?.code ?? `schema.${issue.code}`;
  return [{ path: issue.path, code, message: issue.message, expected: params?.expected ?? expectedOf(issue), found: summarise(issue.input) }];
}

function expectedOf(issue: z.core.$ZodIssue): string | undefined {
  const unit = 'origin' in issue ? (issue.origin === 'array' ? ' items' : issue.origin === 'string' ? ' characters' : '') : '';
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected;
    case 'too_small':
      return `${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}${unit}`;
    case 'too_big':
      return `${issue.inclusive === false ? '<' : '<='} ${String(issue.maximum)}${unit}`;
    case 'invalid_value':
      return `one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue ? `a match of ${String(issue.pattern)}` : issue.format;
    default:
      return undefined;
  }
}

/** Keeps `found` short: big subtrees are summarised, long strings cut. */
export function summarise(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  if (typeof value !== 'object' || value === null) return value;
  const text = JSON.stringify(value) ?? '';
  return text.length > 120 ? `${text.slice(0, 120)}…` : value;
}

/** Where a path of a normalised document was written: the author's path and, when known, `line L, column C: `. */
export function locate(source: DocumentSource, raw: unknown, path: readonly PropertyKey[]): { path: string; where: string; offset?: number } {
  const written = originalPath(raw, path);
  if (!source.tree || source.text === undefined) return { path: formatPath(written), where: '' };
  const offset = offsetAt(source.tree, written);
  const { line, column } = lineColumn(source.text, offset);
  return { path: formatPath(written), where: `line ${line}, column ${column}: `, offset };
}

function located(source: DocumentSource, raw: unknown, finding: Finding): PackageProblem[] {
  const at = locate(source, raw, finding.path);
  if (at.offset !== undefined && source.reported?.has(at.offset)) return [];
  const detail = Object.fromEntries(Object.entries({ expected: finding.expected, found: finding.found }).filter(([, value]) => value !== undefined));
  return [error(source.file, at.path, finding.code, `${at.where}${finding.message}`, detail)];
}
