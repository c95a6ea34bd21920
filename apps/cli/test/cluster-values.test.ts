import { describe, expect, it } from 'vitest';
import { packageFrom, valuesFrom } from '../src/commands/cluster/cluster-queries.js';

describe('values from --values and --set', () => {
  it.each([
    ['a number stays a number', { set: ['cluster.node.count=3'] }, { cluster: { node: { count: 3 } } }],
    ['text that is not JSON is a string', { set: ['env.marker=/tmp/x'] }, { env: { marker: '/tmp/x' } }],
    ['--set applies over --values', { values: '{"env":{"a":1,"b":2}}', set: ['env.b=false'] }, { env: { a: 1, b: false } }],
    ['JSON objects can be set whole', { set: ['env={"a":[1,2]}'] }, { env: { a: [1, 2] } }],
  ])('%s', (_case, opts, expected) => {
    expect(valuesFrom(opts)).toEqual(expected);
  });

  it('names the option of a malformed assignment', () => {
    expect(() => valuesFrom({ set: ['no-equals-sign'] })).toThrow(/^--set: expected path=value/);
  });

  it('makes a package path absolute and leaves URLs alone', () => {
    expect(packageFrom({ package: 'pkg/dir' }).packageUrl).toBe(`${process.cwd()}/pkg/dir`);
    expect(packageFrom({ package: 'file:///srv/p.tgz' }).packageUrl).toBe('file:///srv/p.tgz');
    expect(packageFrom({ appVersion: 'appv-abcdefghjk' })).toEqual({ packageUrl: undefined, appVersionId: 'appv-abcdefghjk' });
    expect(packageFrom({ version: 'appv-abcdefghjk' })).toEqual({ packageUrl: undefined, appVersionId: 'appv-abcdefghjk' });
    expect(() => packageFrom({ version: 'appv-abcdefghjk', appVersion: 'appv-zzzzzzzzzz' })).toThrow(expect.objectContaining({ code: 'INPUT.INVALID' }));
  });
});
