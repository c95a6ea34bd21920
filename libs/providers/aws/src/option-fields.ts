import type { Problem } from '@pitrix/errors';

/** Collects problems while reading the fields of one options object. */
export class FieldReader {
  readonly problems: Problem[] = [];

  constructor(private readonly raw: Readonly<Record<string, unknown>>) {}

  /** An optional string matching `pattern`; `expected` describes the pattern to the reader. */
  string(key: string, pattern: RegExp, expected: string): string | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !pattern.test(value)) {
      this.problems.push({ path: `options.${key}`, message: 'invalid value', expected, found: value });
      return undefined;
    }
    return value;
  }

  /** An optional non-empty list of strings, each matching `pattern`. */
  ids(key: string, pattern: RegExp, expected: string): string[] | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.length === 0) {
      this.problems.push({ path: `options.${key}`, message: 'must be a non-empty list', expected: `a list of ${expected}`, found: value });
      return undefined;
    }
    value.forEach((item, index) => {
      if (typeof item !== 'string' || !pattern.test(item)) this.problems.push({ path: `options.${key}[${index}]`, message: 'invalid id', expected, found: item });
    });
    return [...new Set(value as string[])];
  }

  /** An optional object whose members are read by `member`. */
  object<T>(key: string, member: (name: string, value: unknown, path: string) => T | undefined): T[] | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.problems.push({ path: `options.${key}`, message: 'must be an object', found: value });
      return undefined;
    }
    return Object.entries(value)
      .map(([name, item]) => member(name, item, `options.${key}.${name}`))
      .filter((item): item is T => item !== undefined);
  }

  /** A whole number >= `min` at `path`, or a problem. */
  wholeNumber(value: unknown, path: string, min: number): number | undefined {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min) return value;
    this.problems.push({ path, message: `must be a whole number >= ${min}`, found: value });
    return undefined;
  }

  /** Refuses every key not in `known`, naming it. */
  refuseUnknown(known: readonly string[]): void {
    for (const key of Object.keys(this.raw)) {
      if (!known.includes(key)) this.problems.push({ path: `options.${key}`, message: 'unknown option', expected: known.join(', '), found: key });
    }
  }
}
