import { describe, expect, it } from 'vitest';
import { buildSelfView, filesFor, healthCheckFor, metadataKeys, monitorFor, templatesFor, viewSubtree, type MetadataEntries } from '../src/index.js';

const c1 = metadataKeys('cl-1');
const c2 = metadataKeys('cl-2');
const master = { node_id: 'n1', ip: '127.31.0.1', role: 'master', sid: 1, gid: 1 };
const replica = { node_id: 'n2', ip: '127.31.0.2', role: 'replica', sid: 2, gid: 1 };

const entries: MetadataEntries = new Map<string, unknown>([
  [c1.cluster, { cluster_id: 'cl-1', app_id: 'app-1' }],
  [c1.env, { maxmemory: '64mb', port: 6379 }],
  [c1.roleEnv('master'), { maxmemory: '128mb' }],
  [c1.host('hosts', 'n1'), master],
  [c1.host('hosts', 'n2'), replica],
  [c1.host('adding-hosts', 'n2'), replica],
  [c1.link('zk'), { cluster_id: 'cl-2' }],
  [c1.roleTemplate('master', 'redis-conf'), { name: 'redis-conf', source: 't', content: 'x', destination: 'd' }],
  [c1.file('bin/start.sh'), { path: 'bin/start.sh', mode: 0o755, contentBase64: '' }],
  [c2.cluster, { cluster_id: 'cl-2' }],
  [c2.host('hosts', 'z1'), { node_id: 'z1', ip: '127.31.0.9', role: '', sid: 1, gid: 1 }],
]);

describe('the /self view', () => {
  const view = buildSelfView(entries, { clusterId: 'cl-1', nodeId: 'n1', role: 'master' });

  it.each([
    ['host', 'host', master],
    ['hosts by role', 'hosts/replica/n2', replica],
    ['the cluster', 'cluster/app_id', 'app-1'],
    ['role env over cluster env, values as strings', 'env', { maxmemory: '128mb', port: '6379' }],
    ['adding hosts', 'adding-hosts/replica', { n2: replica }],
    ['no deleting hosts', 'deleting-hosts', {}],
    ['a linked cluster, role-less hosts by node id', 'links/zk/hosts/z1/ip', '127.31.0.9'],
    ['a missing path', 'hosts/nope', undefined],
    ['no prototype walk', 'host/constructor', undefined],
  ])('%s', (_name, path, expected) => {
    expect(viewSubtree(view, path)).toEqual(expected);
  });

  it('a node not yet written has an empty host, not an error', () => {
    expect(buildSelfView(entries, { clusterId: 'cl-1', nodeId: 'n9', role: 'master' }).host).toEqual({});
  });

  it('templates and files are found per role and cluster', () => {
    expect(templatesFor(entries, 'cl-1', 'master').map((t) => t.name)).toEqual(['redis-conf']);
    expect(templatesFor(entries, 'cl-1', 'replica')).toEqual([]);
    expect(filesFor(entries, 'cl-1').map((f) => f.path)).toEqual(['bin/start.sh']);
  });
});

describe('the monitor of a role', () => {
  it('is the role’s monitor key, and runs while health checks are paused (it changes nothing on the node)', () => {
    const monitor = { cmd: 'stats', intervalSeconds: 10, timeoutSeconds: 5, items: [{ name: 'keys', valueType: 'int' }] };
    const entries = new Map<string, unknown>([[c1.roleMonitor('master'), monitor], [c1.healthChecks, { paused: true, reason: 'job j-1 is running' }]]);
    expect(c1.roleMonitor('master')).toBe('clusters.cl-1.roles.master.monitor');
    expect(monitorFor(entries, 'cl-1', 'master')).toEqual(monitor);
    expect(monitorFor(entries, 'cl-1', 'replica')).toBeUndefined();
  });
});

describe('health checks of a role', () => {
  const check = { checkCmd: 'true', intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 1, unhealthyThreshold: 3 };
  const withSwitch = (healthChecks?: unknown) =>
    new Map<string, unknown>([[c1.roleHealth('master'), check], ...(healthChecks === undefined ? [] : [[c1.healthChecks, healthChecks] as [string, unknown]])]);

  it.each([
    ['run when nothing pauses them', undefined, check],
    ['run when resumed', { paused: false, reason: '' }, check],
    ['are off while paused', { paused: true, reason: 'job j-1 is running' }, undefined],
  ])('%s', (_name, healthChecks, expected) => {
    expect(healthCheckFor(withSwitch(healthChecks), 'cl-1', 'master')).toEqual(expected);
  });

  it('a role without a health check has none', () => {
    expect(healthCheckFor(withSwitch(), 'cl-1', 'replica')).toBeUndefined();
  });
});

describe('metadata keys', () => {
  it.each([
    ['a role-less role', () => c1.roleEnv(''), 'clusters.cl-1.roles._.env'],
    ['a file path as a base64url token', () => c1.file('bin/start.sh'), 'clusters.cl-1.files.YmluL3N0YXJ0LnNo'],
  ])('%s', (_name, build, expected) => {
    expect(build()).toBe(expected);
  });

  it.each([['../etc/passwd'], ['/etc/passwd'], ['a//b'], ['']])('refuses the package path %j', (path) => {
    expect(() => c1.file(path)).toThrow(/must be relative/);
  });
});
