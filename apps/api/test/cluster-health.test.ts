import type { NodeState } from '@pitrix/cluster-model';
import { describe, expect, it } from 'vitest';
import { clusterHealthChange, rollUpHealth, type NodeHealthRecord } from '../src/cluster/cluster-health.js';

const node = (nodeId: string, status: NodeState['status'] = 'active'): NodeState =>
  ({ nodeId, role: 'node', baseRole: 'node', serverId: 1, groupId: 1, instanceId: null, privateIp: null, volumeId: null, cpu: 1, memoryMiB: 128, gpu: 0, volumeSizeGiB: 0, status, token: null, pubKey: null });
const seen = (status: string, since: string): NodeHealthRecord => ({ status, reason: 'R', message: 'm', since: new Date(since), observedAt: null });

describe('the cluster health roll-up', () => {
  it.each([
    ['every running node healthy', ['healthy', 'healthy'], 'healthy'],
    ['some healthy, one unhealthy', ['healthy', 'unhealthy'], 'degraded'],
    ['some healthy, one silent', ['healthy', 'unknown'], 'degraded'],
    ['none healthy, one failing', ['unhealthy', 'unknown'], 'unhealthy'],
    ['nothing known', ['unknown', 'unknown'], 'unknown'],
  ])('%s is %s', (_name, states, expected) => {
    const nodes = states.map((_, i) => node(`n${i}`));
    const health = new Map(states.map((state, i) => [`n${i}`, seen(state, `2026-01-0${i + 1}T00:00:00Z`)]));
    expect(rollUpHealth(nodes, health).status).toBe(expected);
  });

  it('counts only nodes meant to run; one never seen is unknown, and since is the newest change', () => {
    const nodes = [node('a'), node('b'), node('stopped', 'stopped'), node('pending', 'pending'), node('failed', 'failed')];
    const health = new Map([
      ['a', seen('healthy', '2026-01-02T00:00:00Z')],
      ['failed', seen('unhealthy', '2026-01-03T00:00:00Z')],
      ['stopped', seen('unknown', '2026-01-09T00:00:00Z')],
    ]);
    expect(rollUpHealth(nodes, health)).toEqual({ status: 'degraded', healthy: 1, unhealthy: 1, unknown: 1, since: new Date('2026-01-03T00:00:00Z') });
    const change = clusterHealthChange('cl-1', nodes, health);
    expect(change.nodes.map((n) => [n.nodeId, n.status, n.reason])).toEqual([
      ['a', 'healthy', 'R'],
      ['b', 'unknown', 'NeverSeen'],
      ['failed', 'unhealthy', 'R'],
    ]);
  });

  it('a cluster with no running node is unknown, since nothing', () => {
    expect(rollUpHealth([node('s', 'stopped')], new Map())).toEqual({ status: 'unknown', healthy: 0, unhealthy: 0, unknown: 0, since: null });
  });
});
