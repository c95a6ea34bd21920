import { describe, expect, it } from 'vitest';
import { configSchema, resolveValues, serviceValues } from '../src/index.js';

const config = configSchema.parse({
  type: 'array',
  properties: [
    {
      key: 'cluster',
      type: 'array',
      properties: [
        { key: 'name', type: 'string', default: 'web' },
        { key: 'kv_service', type: 'service', default: '', limits: { 'kv-store': [] } },
        { key: 'db', type: 'array', properties: [{ key: 'service', type: 'service', changeable: false }] },
      ],
    },
    { key: 'env', type: 'array', properties: [{ key: 'port', type: 'integer', default: 80 }] },
  ],
});

describe('serviceValues: the service parameters of a package with their values', () => {
  it.each([
    ['nothing given: both empty', {}, ['', '']],
    ['one link given', { cluster: { kv_service: 'cl-kv' } }, ['cl-kv', '']],
    ['a nested one, trimmed', { cluster: { db: { service: ' cl-db ' } } }, ['', 'cl-db']],
  ])('%s', (_name, input, ids) => {
    const found = serviceValues(config, resolveValues(config, input).values);
    expect(found.map((service) => [service.path, service.clusterId])).toEqual([
      ['cluster.kv_service', ids[0]],
      ['cluster.db.service', ids[1]],
    ]);
  });

  it('carries the limits and whether the value may change', () => {
    const [kv, db] = serviceValues(config, resolveValues(config, {}).values);
    expect(kv).toMatchObject({ limits: { 'kv-store': [] }, changeable: true });
    expect(db).toMatchObject({ changeable: false });
    expect(db).not.toHaveProperty('limits');
  });
});
