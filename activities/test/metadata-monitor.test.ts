import type { ClusterJobPayload } from '@pitrix/cluster-model';
import { describe, expect, it } from 'vitest';
import { clusterMetadata } from '../src/cluster/metadata-builder.js';

const IDS = { clusterId: 'cl-kv', appId: 'app-kv', versionId: 'appv-kv-1', runtimeId: 'rt-1' };
const MONITOR = {
  enable: true,
  cmd: 'kv-ctl.sh stats',
  intervalSec: 10,
  items: { keys: { valueType: 'int', statisticsType: 'latest' }, role: { valueType: 'str' } },
  alarm: ['keys'],
};

function rolesOf(blueprint: Record<string, unknown>, nodeRoles: string[] = []) {
  const payload: ClusterJobPayload = { blueprint: { name: 'kv', ...blueprint }, values: {}, packageFiles: [] };
  const nodes = nodeRoles.map((role, index) => ({ nodeId: `n${index}`, role, status: 'active' }) as never);
  return clusterMetadata(IDS, payload, nodes).roles ?? {};
}

describe('the monitor a role publishes to its drones', () => {
  it('an enabled monitor: its command, interval, a 5 s timeout and the items with their value types', () => {
    expect(rolesOf({ nodes: [{ role: 'primary', monitor: MONITOR }] }).primary?.monitor).toEqual({
      cmd: 'kv-ctl.sh stats',
      intervalSeconds: 10,
      timeoutSeconds: 5,
      items: [
        { name: 'keys', valueType: 'int' },
        { name: 'role', valueType: 'str' },
      ],
    });
  });

  it.each([
    ['a disabled monitor', { nodes: [{ role: 'primary', monitor: { ...MONITOR, enable: false } }] }],
    ['no monitor', { nodes: [{ role: 'primary' }] }],
    ['an enabled monitor without a command', { nodes: [{ role: 'primary', monitor: { ...MONITOR, cmd: undefined } }] }],
  ])('%s is removed (null)', (_name, blueprint) => {
    expect(rolesOf(blueprint).primary?.monitor).toBeNull();
  });

  it('the cluster-level monitor is every role’s default, and replicas get their role’s', () => {
    const roles = rolesOf({ monitor: { ...MONITOR, intervalSec: 30 }, nodes: [{ role: 'primary' }] }, ['primary', 'primary-replica']);
    expect(roles.primary?.monitor).toMatchObject({ intervalSeconds: 30 });
    expect(roles['primary-replica']?.monitor).toEqual(roles.primary?.monitor);
  });
});
