import { describe, expect, it } from 'vitest';
import { parseMonitorOutput } from '../src/index.js';

const ITEMS = [
  { name: 'keys', valueType: 'int' as const },
  { name: 'ratio', valueType: 'int' as const },
  { name: 'role', valueType: 'str' as const },
];

describe('reading the monitor command’s output', () => {
  it.each([
    ['keeps declared items and ignores others', '{"keys": 3, "role": "master", "extra": 9}', [{ item: 'keys', number: 3 }, { item: 'role', text: 'master' }], 0],
    ['keeps fractions of int items', '{"ratio": 0.25}', [{ item: 'ratio', number: 0.25 }], 0],
    ['reads numbers that a shell script printed as strings', '{"keys": " 42 "}', [{ item: 'keys', number: 42 }], 0],
    ['keeps a number given for a str item as text', '{"role": 7}', [{ item: 'role', text: '7' }], 0],
    ['drops an int item whose value is no number', '{"keys": "many", "role": "replica"}', [{ item: 'role', text: 'replica' }], 1],
    ['drops an int item that is null or empty', '{"keys": null, "ratio": ""}', [], 2],
    ['drops a str item that is an object', '{"role": {"a": 1}, "keys": 1}', [{ item: 'keys', number: 1 }], 1],
    ['gives nothing for output that is not JSON', 'keys=3', [], 1],
    ['gives nothing for a JSON array', '[1, 2]', [], 1],
    ['gives nothing for empty output', '', [], 1],
    ['gives nothing, without a problem, when no declared item is printed', '{"other": 1}', [], 0],
  ])('%s', (_name, stdout, samples, problems) => {
    const parsed = parseMonitorOutput(stdout, ITEMS);
    expect(parsed.samples).toEqual(samples);
    expect(parsed.problems).toHaveLength(problems);
  });

  it('names the item and its bad value in the problem', () => {
    expect(parseMonitorOutput('{"keys": "many"}', ITEMS).problems).toEqual(['monitor item keys is an int item but its value is "many"']);
  });
});
