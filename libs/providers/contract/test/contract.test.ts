import { hasErrorCode } from '@pitrix/errors';
import { describe, expect, it } from 'vitest';
import {
  declaredOptionKeys,
  getOption,
  matchesOptionType,
  optionDefaults,
  ProviderRegistry,
  quotaExceeded,
  setOption,
  shortfallsOf,
  zoneNotFound,
  type ProviderOptionField,
  type RuntimeProvider,
} from '../src/index.js';

const fake = (name: string): RuntimeProvider => ({
  kind: 'machines',
  containerImages: 'ignored',
  name,
  requiresCredential: false,
  optionFields: [],
  validateCredential: async () => ({ valid: true }),
  listZones: async () => [],
  connect: async () => {
    throw new Error('not used');
  },
});

describe('ProviderRegistry', () => {
  it('finds providers by name and lists them sorted', () => {
    const registry = new ProviderRegistry([fake('local'), fake('aws')]);
    expect(registry.names()).toEqual(['aws', 'local']);
    expect(registry.get('aws').name).toBe('aws');
  });

  it('an unknown name is RUNTIME.PROVIDER_UNKNOWN naming it and the known ones', () => {
    let error: unknown;
    try {
      new ProviderRegistry([fake('local')]).get('vmware');
    } catch (err) {
      error = err;
    }
    expect(hasErrorCode(error, 'RUNTIME.PROVIDER_UNKNOWN')).toBe(true);
    expect((error as Error).message).toBe('Unknown runtime provider "vmware"; known providers: local');
  });

  it('refuses two providers with one name', () => {
    expect(() => new ProviderRegistry([fake('local'), fake('local')])).toThrow('provider local registered twice');
  });
});

describe('quota helpers', () => {
  const available = { instances: 2, cpu: 4, memoryMiB: 1024, volumes: 1, volumeGiB: 10 };
  it.each([
    ['a demand that fits', { instances: 1, cpu: 4, memoryMiB: 1024, volumes: 0, volumeGiB: 0 }, []],
    ['too much cpu', { instances: 1, cpu: 5, memoryMiB: 1, volumes: 0, volumeGiB: 0 }, ['cpu']],
    ['too many of everything', { instances: 3, cpu: 5, memoryMiB: 2048, volumes: 2, volumeGiB: 11 }, ['instances', 'cpu', 'memoryMiB', 'volumes', 'volumeGiB']],
  ])('%s', (_case, demand, short) => {
    expect(shortfallsOf(demand, available).map((s) => s.resource)).toEqual(short);
  });

  it('quotaExceeded lists every shortfall with requested and available', () => {
    const demand = { instances: 3, cpu: 1, memoryMiB: 1, volumes: 0, volumeGiB: 0 };
    const error = quotaExceeded(demand, shortfallsOf(demand, available));
    expect(error.code).toBe('RUNTIME.QUOTA_EXCEEDED');
    expect(error.message).toContain('instances: requested 3, available 2');
    expect(error.problems).toEqual([{ path: 'instances', message: 'exceeds the quota', expected: '<= 2', found: 3 }]);
  });

  it('zoneNotFound names the zone and the zones that exist', () => {
    const error = zoneNotFound('local', 'mars', ['local']);
    expect(error.problems[0]).toMatchObject({ path: 'zone', expected: 'one of local', found: 'mars' });
  });
});

describe('option fields', () => {
  const fields: ProviderOptionField[] = [
    { key: 'zones', label: 'Zones', type: 'string-list', required: false, default: ['z1'], description: 'zones' },
    { key: 'imageId', label: 'Image', type: 'string', required: true, description: 'image' },
    { key: 'quota.cpu', label: 'CPU', type: 'number', required: false, default: 8, description: 'cpu' },
    { key: 'quota.memoryMiB', label: 'Memory', type: 'number', required: false, description: 'memory, unlimited when unset' },
  ];

  it('declared keys are the top-level keys, once each', () => {
    expect(declaredOptionKeys(fields)).toEqual(['zones', 'imageId', 'quota']);
  });

  it('defaults nest by dotted key and leave fields without a default out', () => {
    expect(optionDefaults(fields)).toEqual({ zones: ['z1'], quota: { cpu: 8 } });
  });

  it('setOption and getOption walk dotted keys', () => {
    const options: Record<string, unknown> = { quota: 'not an object' };
    setOption(options, 'quota.cpu', 2);
    setOption(options, 'quota.volumes', 1);
    expect(options).toEqual({ quota: { cpu: 2, volumes: 1 } });
    expect(getOption(options, 'quota.cpu')).toBe(2);
    expect(getOption(options, 'quota.cpu.more')).toBeUndefined();
    expect(getOption(options, 'zones')).toBeUndefined();
  });

  it.each([
    ['string', 'x', true],
    ['string', 1, false],
    ['number', 1.5, true],
    ['number', Number.NaN, false],
    ['boolean', false, true],
    ['string-list', ['a', 'b'], true],
    ['string-list', ['a', 1], false],
    ['json', { a: 1 }, true],
    ['json', null, false],
  ] as const)('a %s field matches %j: %s', (type, value, matches) => {
    expect(matchesOptionType(type, value)).toBe(matches);
  });
});
