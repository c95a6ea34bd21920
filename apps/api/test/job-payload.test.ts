import { describe, expect, it } from 'vitest';
import { mergeValues } from '../src/cluster/job-payload.js';

describe('mergeValues: changes over a cluster’s current values', () => {
  it.each([
    ['a nested value changes, its siblings stay', { env: { a: 1, b: 2 } }, { env: { b: 3 } }, { env: { a: 1, b: 3 } }],
    ['a new key is added', { env: { a: 1 } }, { cluster: { name: 'x' } }, { env: { a: 1 }, cluster: { name: 'x' } }],
    ['an array is replaced, not merged', { list: [1, 2] }, { list: [3] }, { list: [3] }],
    ['an object replaces a scalar', { env: 'flat' }, { env: { a: 1 } }, { env: { a: 1 } }],
    ['no change leaves the values equal', { env: { a: 1 } }, {}, { env: { a: 1 } }],
  ])('%s', (_case, values, changes, expected) => {
    const before = JSON.stringify(values);
    expect(mergeValues(values, changes)).toEqual(expected);
    expect(JSON.stringify(values)).toBe(before);
  });
});
