import { nodeIdFromSeed, releaseNameOf, workloadRole, type NewClusterEvent, type NodeState, type NodeStatus } from '@pitrix/cluster-model';
import type { ReleasePod } from '@pitrix/provider-contract';

/** The node id of a pod: derived from its uid, so every observer names it the same. */
export function podNodeId(pod: Pick<ReleasePod, 'uid'>): string {
  return nodeIdFromSeed(`pod/${pod.uid}`);
}

/**
 * The events that make a chart cluster's nodes match its pods: a pod that appeared is a node
 * (its workload is its role), one that changed phase or address changes its node, one that is
 * gone removes it, and each change of readiness is a health change with the Ready condition's
 * reason. Keys come from what was observed (pod uid, phase, address, readiness transition), so
 * a job's task and the pod watch, observing the same change, record it once.
 */
export function releaseNodeEvents(clusterId: string, pods: readonly ReleasePod[], nodes: readonly NodeState[], observedAt: string): NewClusterEvent[] {
  const events: NewClusterEvent[] = [];
  const add = (key: string, event: NewClusterEvent['event']) => events.push({ clusterId, key: `${clusterId}/${key}`, event });
  const byId = new Map(nodes.map((node) => [node.nodeId, node]));
  const live = new Set<string>();
  const usedIds = serverIdsInUse(nodes);
  const roleOf = (pod: ReleasePod) => workloadRole(releaseNameOf(clusterId), pod.workload.name);
  for (const pod of [...pods].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const nodeId = podNodeId(pod);
    live.add(nodeId);
    const status = statusOf(pod);
    const ip = pod.ip === '' ? null : pod.ip;
    const existing = byId.get(nodeId);
    if (!existing) {
      const role = roleOf(pod);
      const serverId = serverIdFor(pod, role, usedIds);
      add(`pod/${pod.uid}/added`, { type: 'NodeAdded', node: podNode(nodeId, pod, role, serverId, status, ip) });
    } else if (existing.status !== status || existing.privateIp !== ip) {
      add(`pod/${pod.uid}/${status}/${ip ?? 'no-ip'}`, { type: 'NodeChanged', nodeId, changes: { status, privateIp: ip } });
    }
    const health = pod.ready ? 'healthy' : 'unhealthy';
    add(`pod/${pod.uid}/health/${health}/${pod.readyChangedAt || 'initial'}`, {
      type: 'NodeHealthChanged',
      nodeId,
      health,
      reason: pod.ready ? 'PodReady' : reasonCode(pod),
      message: pod.ready ? 'The pod is Ready.' : pod.reason || `The pod is not Ready (phase ${pod.phase}).`,
      observedAt: pod.readyChangedAt || observedAt,
    });
  }
  for (const node of nodes) {
    if (!live.has(node.nodeId)) add(`node/${node.nodeId}/removed`, { type: 'NodeRemoved', nodeId: node.nodeId });
  }
  return events;
}

function podNode(nodeId: string, pod: ReleasePod, role: string, serverId: number, status: NodeStatus, ip: string | null): NodeState {
  return {
    nodeId,
    role,
    baseRole: role,
    serverId,
    groupId: serverId,
    instanceId: pod.name,
    privateIp: ip,
    volumeId: null,
    cpu: 0,
    memoryMiB: 0,
    gpu: 0,
    volumeSizeGiB: 0,
    status,
    token: null,
    pubKey: null,
  };
}

function statusOf(pod: ReleasePod): NodeStatus {
  if (pod.deleting) return 'deleting';
  switch (pod.phase) {
    case 'Running':
      return 'active';
    case 'Succeeded':
      return 'stopped';
    case 'Failed':
      return 'failed';
    default:
      return 'pending';
  }
}

/** The reason part of the pod's Ready condition ("TestNotReady: ..."), as a code. */
function reasonCode(pod: ReleasePod): string {
  const code = /^([A-Za-z][A-Za-z0-9]*)(:|$)/.exec(pod.reason)?.[1];
  return code ?? 'PodNotReady';
}

// A StatefulSet pod keeps its ordinal as its server id (`store-0` is #1); other pods take the
// smallest free one of their workload.
function serverIdFor(pod: ReleasePod, role: string, used: Map<string, Set<number>>): number {
  const taken = used.get(role) ?? new Set<number>();
  used.set(role, taken);
  const ordinal = pod.workload.kind === 'StatefulSet' ? /-(\d+)$/.exec(pod.name)?.[1] : undefined;
  let id = ordinal !== undefined ? Number(ordinal) + 1 : 1;
  if (ordinal === undefined) while (taken.has(id)) id += 1;
  taken.add(id);
  return id;
}

function serverIdsInUse(nodes: readonly NodeState[]): Map<string, Set<number>> {
  const used = new Map<string, Set<number>>();
  for (const node of nodes) used.set(node.role, (used.get(node.role) ?? new Set()).add(node.serverId));
  return used;
}
