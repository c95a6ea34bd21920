import type { NodeState } from '@pitrix/cluster-model';
import type { ReleasePod } from '@pitrix/provider-contract';
import { describe, expect, it } from 'vitest';
import { podNodeId, releaseNodeEvents } from '../src/cluster/release-nodes.js';

const AT = '2026-12-07T00:00:00.000Z';

function pod(name: string, overrides: Partial<ReleasePod> = {}): ReleasePod {
  const workload = name.startsWith('store') ? { kind: 'StatefulSet' as const, name: 'store' } : { kind: 'Deployment' as const, name: 'web' };
  return { uid: `uid-${name}`, name, workload, phase: 'Running', ip: '10.244.0.7', ready: true, reason: '', readyChangedAt: '2026-12-07T00:00:01Z', deleting: false, ...overrides };
}

/** The nodes the events describe, applied as the projection would. */
function apply(nodes: NodeState[], events: ReturnType<typeof releaseNodeEvents>): NodeState[] {
  let out = [...nodes];
  for (const { event } of events) {
    if (event.type === 'NodeAdded') out.push(event.node);
    if (event.type === 'NodeChanged') out = out.map((node) => (node.nodeId === event.nodeId ? { ...node, ...event.changes } : node));
    if (event.type === 'NodeRemoved') out = out.filter((node) => node.nodeId !== event.nodeId);
  }
  return out;
}

describe('a chart cluster\'s pods as its nodes', () => {
  it('adds a node per pod, its workload as role, a StatefulSet ordinal as server id, readiness as health', () => {
    const events = releaseNodeEvents('cl-1', [pod('web-7f9c-abcde'), pod('store-1'), pod('store-0')], [], AT);
    const nodes = apply([], events);
    expect(nodes.map((node) => [node.instanceId, node.role, node.serverId, node.status]).sort()).toEqual([
      ['store-0', 'store', 1, 'active'],
      ['store-1', 'store', 2, 'active'],
      ['web-7f9c-abcde', 'web', 1, 'active'],
    ]);
    const health = events.filter((e) => e.event.type === 'NodeHealthChanged').map((e) => e.event);
    expect(health).toHaveLength(3);
    expect(health.every((event) => event.type === 'NodeHealthChanged' && event.health === 'healthy' && event.reason === 'PodReady')).toBe(true);
  });

  it('names every node by its pod uid, so two observers of one pod record it once', () => {
    const first = releaseNodeEvents('cl-1', [pod('web-a')], [], AT);
    const second = releaseNodeEvents('cl-1', [pod('web-a')], [], '2026-12-07T00:05:00.000Z');
    expect(second.map((e) => e.key)).toEqual(first.map((e) => e.key));
    expect(podNodeId(pod('web-a'))).toBe(podNodeId(pod('web-a')));
    expect(podNodeId(pod('web-a'))).not.toBe(podNodeId(pod('web-b')));
  });

  it('a pod that is no longer ready is an unhealthy node with the Ready condition\'s reason; ready again is a new event', () => {
    const nodes = apply([], releaseNodeEvents('cl-1', [pod('web-a')], [], AT));
    const notReady = releaseNodeEvents('cl-1', [pod('web-a', { ready: false, reason: 'TestNotReady: made not ready by a test', readyChangedAt: '2026-12-07T00:01:00Z' })], nodes, AT);
    const unhealthy = notReady.find((e) => e.event.type === 'NodeHealthChanged')?.event;
    expect(unhealthy).toMatchObject({ health: 'unhealthy', reason: 'TestNotReady', message: 'TestNotReady: made not ready by a test', observedAt: '2026-12-07T00:01:00Z' });
    const readyAgain = releaseNodeEvents('cl-1', [pod('web-a', { readyChangedAt: '2026-12-07T00:02:00Z' })], nodes, AT);
    const healthKeys = (events: typeof notReady) => events.filter((e) => e.event.type === 'NodeHealthChanged').map((e) => e.key);
    expect(new Set([...healthKeys(notReady), ...healthKeys(readyAgain), ...healthKeys(releaseNodeEvents('cl-1', [pod('web-a')], [], AT))]).size).toBe(3);
  });

  it('changes a node whose pod changed phase or address, and removes the node of a pod that is gone', () => {
    const nodes = apply([], releaseNodeEvents('cl-1', [pod('web-a'), pod('web-b')], [], AT));
    const events = releaseNodeEvents('cl-1', [pod('web-a', { deleting: true })], nodes, AT);
    const after = apply(nodes, events);
    expect(after.map((node) => [node.instanceId, node.status])).toEqual([['web-a', 'deleting']]);
    expect(events.some((e) => e.event.type === 'NodeRemoved')).toBe(true);
  });

  it('a new pod of a Deployment takes the smallest free server id of its workload', () => {
    const nodes = apply([], releaseNodeEvents('cl-1', [pod('web-a'), pod('web-b')], [], AT));
    const withoutA = apply(nodes, releaseNodeEvents('cl-1', [pod('web-b')], nodes, AT));
    const replaced = apply(withoutA, releaseNodeEvents('cl-1', [pod('web-b'), pod('web-c')], withoutA, AT));
    expect(replaced.map((node) => [node.instanceId, node.serverId]).sort()).toEqual([['web-b', 2], ['web-c', 1]]);
  });
});
