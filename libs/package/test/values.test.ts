import { describe, expect, it } from 'vitest';
import { parsePackage, resolveValues, type ConfigTree } from '../src/index.js';
import { readFixture } from './fixtures.js';

const config: ConfigTree = parsePackage(readFixture('values-rules')).config;
const base = { env: { password: 'hunter2' } };

function merge(...parts: Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const before = out[key];
      out[key] = typeof before === 'object' && before !== null && typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...before, ...value } : value;
    }
  }
  return out;
}

describe('resolveValues: every violation with its path, expected and found value', () => {
  it.each([
    ['an integer given as text', { cluster: { web: { count: '3' } } }, 'cluster.web.count', 'values.invalid_type', 'an integer', '3'],
    ['a fraction for an integer', { cluster: { web: { count: 2.5 } } }, 'cluster.web.count', 'values.invalid_type', 'an integer', 2.5],
    ['below min', { cluster: { web: { count: 0 } } }, 'cluster.web.count', 'values.below_min', '>= 1', 0],
    ['above max', { cluster: { web: { count: 10 } } }, 'cluster.web.count', 'values.above_max', '<= 9', 10],
    ['off the step', { cluster: { web: { volume_size: 25 } } }, 'cluster.web.volume_size', 'values.step', '10 + n × 10', 25],
    ['outside the range', { cluster: { web: { cpu: 3 } } }, 'cluster.web.cpu', 'values.not_in_range', 'one of 1, 2, 4', 3],
    ['a number above max', { env: { ratio: 1.5 } }, 'env.ratio', 'values.above_max', '<= 1', 1.5],
    ['text for a boolean', { env: { enabled: 'yes' } }, 'env.enabled', 'values.invalid_type', 'true or false', 'yes'],
    ['a pattern mismatch', { cluster: { name: 'Bad Name' } }, 'cluster.name', 'values.pattern', 'a match of /^[a-z][a-z0-9-]*$/', 'Bad Name'],
    ['a multichoice outside the range', { env: { modules: 'a;z' } }, 'env.modules', 'values.not_in_range', 'choices from a, b, c joined by ";"', 'a;z'],
    ['a key with a dot outside the range', { env: { 'log.level': 'trace' } }, 'env["log.level"]', 'values.not_in_range', 'one of "debug", "info"', 'trace'],
    ['a bad load balancer', { cluster: { web: { loadbalancer: [{ listener: 'lbl-1' }] } } }, 'cluster.web.loadbalancer', 'values.invalid_type', 'a list of {listener, port, policy?}', [{ listener: 'lbl-1' }]],
    ['a list for a group', { cluster: [] }, 'cluster', 'values.invalid_type', 'an object', 'a list'],
  ])('%s', (_name, input, path, code, expected, found) => {
    const { problems } = resolveValues(config, merge(base, input));
    expect(problems).toEqual([{ severity: 'error', file: 'values', path, code, message: expect.any(String), expected, found }]);
  });

  it('reports a missing required value without a default', () => {
    const { problems } = resolveValues(config, {});
    expect(problems).toEqual([{ severity: 'error', file: 'values', path: 'env.password', code: 'values.required', message: 'is required', expected: 'a password value' }]);
  });

  it('never shows a password in a problem', () => {
    const { problems } = resolveValues(config, { env: { password: 42 } });
    expect(problems[0]).toMatchObject({ path: 'env.password', code: 'values.invalid_type', found: '(secret, not shown)' });
  });

  it('reports every violation at once', () => {
    const { problems } = resolveValues(config, { cluster: { web: { count: 0, cpu: 3 } }, env: { ratio: -1 } });
    expect(problems.map((problem) => `${problem.path}:${problem.code}`)).toEqual([
      'cluster.web.count:values.below_min',
      'cluster.web.cpu:values.not_in_range',
      'env.ratio:values.below_min',
      'env.password:values.required',
    ]);
  });
});

describe('resolveValues: merging', () => {
  it('fills defaults, keeps user values and drops undeclared keys with a warning', () => {
    const { values, problems } = resolveValues(config, merge(base, { cluster: { web: { count: 5 }, extra: 1 } }));
    expect(values).toEqual({
      cluster: { name: 'kv', zk_service: '', web: { count: 5, cpu: 1, volume_size: 10, loadbalancer: [] } },
      env: { ratio: 0.5, password: 'hunter2', modules: 'a', enabled: true, port: 6379, 'log.level': 'info' },
    });
    expect(problems).toEqual([{ severity: 'warning', file: 'values', path: 'cluster.extra', code: 'values.unknown_key', message: expect.any(String) }]);
  });

  it('joins a multichoice list with its separator', () => {
    const { values, problems } = resolveValues(config, merge(base, { env: { modules: ['a', 'c'] } }));
    expect(problems).toEqual([]);
    expect((values.env as Record<string, unknown>).modules).toBe('a;c');
  });

  it('reads negative zero as zero, so values round-trip through JSON', () => {
    const { values } = resolveValues(config, merge(base, { env: { ratio: -0 } }));
    expect(Object.is((values.env as Record<string, unknown>).ratio, 0)).toBe(true);
  });

  it('keeps a key named __proto__ an ordinary value and never touches prototypes', () => {
    const { values } = resolveValues(config, JSON.parse('{"env": {"password": "p", "__proto__": {"polluted": true}}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(values.env)).toBe(Object.prototype);
  });
});

describe('resolveValues: updates', () => {
  const created = resolveValues(config, merge(base, { cluster: { web: { count: 3 } }, env: { port: 7000 } })).values;

  it('starts from the previous values, not the defaults', () => {
    const { values, problems } = resolveValues(config, { cluster: { web: { cpu: 2 } } }, { previous: created });
    expect(problems).toEqual([]);
    expect(values.cluster).toMatchObject({ web: { count: 3, cpu: 2 } });
    expect(values.env).toMatchObject({ port: 7000, password: 'hunter2' });
  });

  it('refuses to change a key declared changeable: false', () => {
    const { problems } = resolveValues(config, { env: { port: 7001 } }, { previous: created });
    expect(problems).toEqual([{ severity: 'error', file: 'values', path: 'env.port', code: 'values.not_changeable', message: expect.any(String), expected: '7000', found: 7001 }]);
  });

  it('accepts the same value for a key that may not change', () => {
    expect(resolveValues(config, { env: { port: 7000 } }, { previous: created }).problems).toEqual([]);
  });
});
