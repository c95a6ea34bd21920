import { describe, expect, it } from 'vitest';
import { planPatch, type MetadataPatch } from '../src/index.js';

const host = { node_id: 'n1', ip: '10.0.0.1', role: 'master', sid: 1, gid: 1 };

describe('a metadata patch becomes key writes', () => {
  it.each<[string, MetadataPatch, string[], string[], string[]]>([
    ['the cluster document and env', { cluster: { cluster_id: 'c1' }, env: { a: '1' } }, ['clusters.c1.cluster', 'clusters.c1.env'], [], []],
    ['hosts are upserted, removed hosts deleted', { hosts: [host], removeHosts: ['n2'] }, ['clusters.c1.hosts.n1'], ['clusters.c1.hosts.n2'], []],
    ['adding hosts replace the set', { addingHosts: [host] }, ['clusters.c1.adding-hosts.n1'], [], ['clusters.c1.adding-hosts.>']],
    ['an empty set of deleting hosts clears it', { deletingHosts: [] }, [], [], ['clusters.c1.deleting-hosts.>']],
    ['links replace the set', { links: { zk: 'c2' } }, ['clusters.c1.links.zk'], [], ['clusters.c1.links.>']],
    ['files replace the set', { files: [{ path: 'bin/a.sh', mode: 0o755, contentBase64: '' }] }, ['clusters.c1.files.YmluL2Euc2g'], [], ['clusters.c1.files.>']],
    [
      'a role: env, templates (replacing), health check',
      { roles: { master: { env: { x: '1' }, templates: [{ name: 'conf', content: '', destination: 'c' }], healthCheck: { checkCmd: 'true', intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 1, unhealthyThreshold: 3 } } } },
      ['clusters.c1.roles.master.env', 'clusters.c1.roles.master.templates.conf', 'clusters.c1.roles.master.health'],
      [],
      ['clusters.c1.roles.master.templates.>'],
    ],
    ['the health-check switch', { healthChecks: { paused: true, reason: 'job j-1 is running' } }, ['clusters.c1.health_checks'], [], []],
    ['a null health check removes it; the role-less role is _', { roles: { '': { healthCheck: null } } }, [], ['clusters.c1.roles._.health'], []],
    [
      'a role’s monitor, and a null one removes it',
      { roles: { master: { monitor: { cmd: 'stats', intervalSeconds: 10, timeoutSeconds: 5, items: [{ name: 'keys', valueType: 'int' }] } }, replica: { monitor: null } } },
      ['clusters.c1.roles.master.monitor'],
      ['clusters.c1.roles.replica.monitor'],
      [],
    ],
  ])('%s', (_name, patch, puts, deletes, replaced) => {
    const plan = planPatch('c1', patch);
    expect(plan.puts.map(([key]) => key)).toEqual(puts);
    expect(plan.deletes).toEqual(deletes);
    expect(plan.replaced).toEqual(replaced);
  });

  it('refuses a node id that is not one token, naming the field', () => {
    expect(() => planPatch('c1', { hosts: [{ ...host, node_id: 'a.b' }] })).toThrow(/nodeId/);
  });
});
