import { hasErrorCode } from '@pitrix/errors';
import { describe, expect, it } from 'vitest';
import { checkZone, parseKubernetesOptions, splitCheckOptions } from '../src/options.js';

describe('kubernetes runtime options', () => {
  it.each([
    ['no options: the defaults', {}, { namespacePrefix: '', createNamespace: true }],
    ['a prefix ending with a dash', { namespacePrefix: 'team-a-' }, { namespacePrefix: 'team-a-', createNamespace: true }],
    ['namespaces must exist', { createNamespace: false }, { namespacePrefix: '', createNamespace: false }],
  ])('%s', (_name, raw, expected) => {
    expect(parseKubernetesOptions(raw)).toEqual(expected);
  });

  it.each([
    ['an undeclared key', { region: 'x' }, 'options.region'],
    ['a prefix with capitals', { namespacePrefix: 'Team' }, 'options.namespacePrefix'],
    ['a prefix starting with a dash', { namespacePrefix: '-a' }, 'options.namespacePrefix'],
    ['a prefix that is not a string', { namespacePrefix: 3 }, 'options.namespacePrefix'],
    ['createNamespace as a string', { createNamespace: 'yes' }, 'options.createNamespace'],
  ])('refuses %s with RUNTIME.OPTIONS_INVALID naming it', (_name, raw, path) => {
    const error = catchError(() => parseKubernetesOptions(raw));
    expect(hasErrorCode(error, 'RUNTIME.OPTIONS_INVALID')).toBe(true);
    expect((error as { problems: Array<{ path: string }> }).problems.map((p) => p.path)).toContain(path);
  });

  it('collects every problem at once', () => {
    const error = catchError(() => parseKubernetesOptions({ namespacePrefix: 'A', createNamespace: 1, other: true }));
    expect((error as { problems: unknown[] }).problems).toHaveLength(3);
  });

  it.each([
    ['a namespace name with capitals', 'Apps', ''],
    ['a name ending with a dash', 'apps-', ''],
    ['a name longer than 63', 'a'.repeat(64), ''],
    ['a namespace outside the prefix', 'other', 'team-'],
  ])('a zone that is %s is RUNTIME.ZONE_NOT_FOUND', (_name, zone, prefix) => {
    const error = catchError(() => checkZone('kubernetes', zone, { namespacePrefix: prefix, createNamespace: true }));
    expect(hasErrorCode(error, 'RUNTIME.ZONE_NOT_FOUND')).toBe(true);
  });

  it('accepts a namespace inside the prefix', () => {
    expect(() => checkZone('kubernetes', 'team-a', { namespacePrefix: 'team-', createNamespace: true })).not.toThrow();
  });

  it.each([
    ['the namespace given', { namespace: 'apps' }, 'apps'],
    ['the prefix without one', { namespacePrefix: 'team-' }, 'team-'],
    ['default without either', {}, 'default'],
  ])('a credential check looks at %s', (_name, raw, namespace) => {
    expect(splitCheckOptions(raw).namespace).toBe(namespace);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}
