import { isPitrixError } from '@pitrix/errors';
import { describe, expect, it } from 'vitest';
import { matchSelector, parsePairs, toLabels, toPairs, toSelector } from '../src/index.js';

describe('matchSelector', () => {
  const labels = { env: 'prod', zone: 'pek3', tier: 'gold' };
  it.each([
    ['an empty selector', '', true],
    ['one key, its value', 'env=prod', true],
    ['one key, another value', 'env=test', false],
    ['same key OR', 'env=test&env=prod', true],
    ['different keys AND, both met', 'env=prod&zone=pek3', true],
    ['different keys AND, one unmet', 'env=prod&zone=sh1', false],
    ['a key the labels lack', 'gpu=yes', false],
    ['OR within AND', 'env=test&env=prod&zone=sh1&zone=pek3', true],
  ])('%s', (_case, text, expected) => {
    expect(matchSelector(toSelector(parsePairs(text)), labels).matches).toBe(expected);
  });

  it('names the unmet key', () => {
    expect(matchSelector(toSelector(parsePairs('env=prod&zone=sh1')), labels).unmet).toEqual({ key: 'zone', wanted: ['sh1'], found: 'pek3' });
  });
});

describe('syntax', () => {
  it.each([
    ['an uppercase key', [{ key: 'Env', value: 'x' }], 'labels[0].key'],
    ['an empty value', [{ key: 'env', value: '' }], 'labels[0].value'],
    ['a value with a space', [{ key: 'env', value: 'a b' }], 'labels[0].value'],
    ['a key given twice', [{ key: 'env', value: 'a' }, { key: 'env', value: 'b' }], 'labels[1].key'],
  ])('labels reject %s with its path', (_case, pairs, path) => {
    let error: unknown;
    try {
      toLabels(pairs);
    } catch (err) {
      error = err;
    }
    expect(isPitrixError(error) && error.code).toBe('INPUT.INVALID');
    expect((error as { problems: Array<{ path: string }> }).problems.map((p) => p.path)).toContain(path);
  });

  it('a term without = is INPUT.INVALID', () => {
    expect(() => parsePairs('env')).toThrow(expect.objectContaining({ code: 'INPUT.INVALID' }));
  });

  it('pairs round-trip in a stable order', () => {
    const selector = toSelector(parsePairs('zone=a&env=prod&env=test'));
    expect(toPairs(selector)).toEqual([
      { key: 'env', value: 'prod' },
      { key: 'env', value: 'test' },
      { key: 'zone', value: 'a' },
    ]);
  });
});
