import type { MonitorItemSpec } from '@pitrix/agent-protocol';

/** One kept value of a monitor item: a number for `int` items, text for `str` items. */
export type MonitorValue = { readonly item: string; readonly number: number } | { readonly item: string; readonly text: string };

/** What the monitor command's output gave: the values kept and why the others were dropped. */
export interface ParsedMonitorOutput {
  readonly samples: readonly MonitorValue[];
  /** One line per dropped value or unreadable output, for the drone's log (no values of other items). */
  readonly problems: readonly string[];
}

const MAX_TEXT_LENGTH = 1_024;

/**
 * Reads the monitor command's stdout as a JSON object `{item: value}` and keeps only the declared
 * items: an `int` item needs a finite number (or a string that is one, as shell scripts print),
 * a `str` item a string or number (kept as text). Undeclared keys are ignored silently, since a
 * package may print more than it declares; a declared item with a bad value is dropped and named.
 */
export function parseMonitorOutput(stdout: string, items: readonly MonitorItemSpec[]): ParsedMonitorOutput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return { samples: [], problems: [`the monitor output is not JSON: ${JSON.stringify(stdout.trim().slice(0, 80))}`] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { samples: [], problems: [`the monitor output must be a JSON object of items, got ${Array.isArray(parsed) ? 'an array' : typeof parsed}`] };
  }
  const output = parsed as Record<string, unknown>;
  const samples: MonitorValue[] = [];
  const problems: string[] = [];
  for (const { name, valueType } of items) {
    if (!Object.prototype.hasOwnProperty.call(output, name)) continue;
    const value = output[name];
    if (valueType === 'int') {
      const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      if (Number.isFinite(number)) samples.push({ item: name, number });
      else problems.push(`monitor item ${name} is an int item but its value is ${JSON.stringify(value)}`);
    } else if (typeof value === 'string' || typeof value === 'number') {
      samples.push({ item: name, text: String(value).slice(0, MAX_TEXT_LENGTH) });
    } else {
      problems.push(`monitor item ${name} is a str item but its value is ${JSON.stringify(value)}`);
    }
  }
  return { samples, problems };
}
