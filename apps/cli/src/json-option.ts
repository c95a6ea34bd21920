import { readFileSync } from 'node:fs';

/** Reads a JSON object given inline, as `@path`, or as `-` (stdin); errors name the option. */
export function parseJsonOption(value: string, option: string): Record<string, unknown> {
  const text = value === '-' ? readFileSync(0, 'utf8') : value.startsWith('@') ? readFileSync(value.slice(1), 'utf8') : value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`${option}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${option}: expected a JSON object`);
  return parsed as Record<string, unknown>;
}
