import type { ClusterJobPayload } from '@pitrix/cluster-model';
import { describe, expect, it } from 'vitest';
import { clusterMetadata } from '../src/cluster/metadata-builder.js';

const IDS = { clusterId: 'cl-web', appId: 'app-web-app', versionId: 'appv-web-app-1.1.0', runtimeId: 'rt-1' };

function payload(blueprint: Record<string, unknown>): ClusterJobPayload {
  return { blueprint: { name: 'web', nodes: [{ role: 'app' }], ...blueprint }, values: {}, packageFiles: [] };
}

describe('the metadata a cluster publishes', () => {
  it.each([
    ['a link the blueprint renders', { kv: 'cl-kv' }, { kv: 'cl-kv' }],
    ['an optional link left empty (no link at all)', { kv: '' }, {}],
    ['a link of blanks', { kv: '  ' }, {}],
    ['no links section', undefined, {}],
  ])('links: %s', (_name, links, expected) => {
    expect(clusterMetadata(IDS, payload(links === undefined ? {} : { links }), []).links).toEqual(expected);
  });

  it.each([
    ['a port given as a number', { client: { port: 6380, protocol: 'tcp' } }, { client: { port: 6380, protocol: 'tcp' } }],
    ['a port from the cluster env', { client: { port: 'env.port', protocol: 'tcp' } }, { client: { port: 7000, protocol: 'tcp' } }],
    ['a port from a role env', { http: { port: 'app.env.http_port' } }, { http: { port: 9000 } }],
    ['a reference to nothing, kept as written', { http: { port: 'env.missing' } }, { http: { port: 'env.missing' } }],
  ])('endpoints in the cluster document (what linked clusters read): %s', (_name, endpoints, expected) => {
    const blueprint = { endpoints, env: { port: '7000' }, nodes: [{ role: 'app', env: { http_port: 9000 } }] };
    expect(clusterMetadata(IDS, payload(blueprint), []).cluster).toMatchObject({ cluster_id: 'cl-web', endpoints: expected });
  });
});
