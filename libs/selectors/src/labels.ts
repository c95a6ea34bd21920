import { PitrixError, type Problem } from '@pitrix/errors';

/** One label or selector term: `key=value`. */
export interface LabelPair {
  readonly key: string;
  readonly value: string;
}

/** Labels describe a resource: at most one value per key. */
export type Labels = Readonly<Record<string, string>>;

/** A selector picks resources by label: values of one key OR together, keys AND together. */
export type Selector = Readonly<Record<string, readonly string[]>>;

const KEY = /^[a-z0-9]([a-z0-9._/-]{0,61}[a-z0-9])?$/;
const VALUE = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;

/** Checks one pair's syntax and reports every problem under `path`. */
export function checkPair(pair: LabelPair, path: string): Problem[] {
  const problems: Problem[] = [];
  if (!KEY.test(pair.key)) {
    problems.push({ path: `${path}.key`, message: 'invalid label key', expected: 'lowercase letters, digits, . _ / - (1-63, alphanumeric ends)', found: pair.key });
  }
  if (!VALUE.test(pair.value)) {
    problems.push({ path: `${path}.value`, message: 'invalid label value', expected: 'letters, digits, . _ - (1-63, alphanumeric ends)', found: pair.value });
  }
  return problems;
}

/** Builds labels from pairs; a bad pair or a key given twice is `INPUT.INVALID` naming its path. */
export function toLabels(pairs: readonly LabelPair[], field = 'labels'): Labels {
  const problems = pairs.flatMap((pair, index) => checkPair(pair, `${field}[${index}]`));
  const labels: Record<string, string> = {};
  pairs.forEach((pair, index) => {
    if (pair.key in labels) problems.push({ path: `${field}[${index}].key`, message: `label key ${pair.key} given twice`, found: pair.key });
    labels[pair.key] = pair.value;
  });
  if (problems.length > 0) throw new PitrixError('INPUT.INVALID', `Invalid ${field}`, problems);
  return labels;
}

/** Builds a selector from pairs (a key may repeat: its values OR together). */
export function toSelector(pairs: readonly LabelPair[], field = 'selectors'): Selector {
  const problems = pairs.flatMap((pair, index) => checkPair(pair, `${field}[${index}]`));
  if (problems.length > 0) throw new PitrixError('INPUT.INVALID', `Invalid ${field}`, problems);
  const selector: Record<string, string[]> = {};
  for (const pair of pairs) {
    const values = (selector[pair.key] ??= []);
    if (!values.includes(pair.value)) values.push(pair.value);
  }
  return selector;
}

/** Parses the URL-query form used by OpenPitrix repos (`env=prod&env=staging&zone=a`). */
export function parsePairs(text: string, field = 'selectors'): LabelPair[] {
  if (text.trim() === '') return [];
  return text.split('&').map((term, index) => {
    const separator = term.indexOf('=');
    if (separator <= 0) {
      throw new PitrixError('INPUT.INVALID', `Invalid ${field}`, [{ path: `${field}[${index}]`, message: 'expected key=value', expected: 'key=value', found: term }]);
    }
    return { key: decodeURIComponent(term.slice(0, separator)), value: decodeURIComponent(term.slice(separator + 1)) };
  });
}

/** Turns labels or a selector back into sorted pairs (for storage and display). */
export function toPairs(value: Labels | Selector): LabelPair[] {
  return Object.keys(value)
    .sort()
    .flatMap((key) => {
      const entry = value[key];
      return (Array.isArray(entry) ? entry : [entry as string]).map((v: string) => ({ key, value: v }));
    });
}
