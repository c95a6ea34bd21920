import type { NodeState } from '@pitrix/cluster-model';
import { SERVICE_TIMEOUT, type Role, type Service } from '@pitrix/package';
import { roleName } from './context.js';

/** Masters before replicas, then by server id (node id only breaks ties in inconsistent states). */
export function compareNodes(a: NodeState, b: NodeState): number {
  const replica = Number(isReplica(a)) - Number(isReplica(b));
  if (replica !== 0) return replica;
  if (a.serverId !== b.serverId) return a.serverId - b.serverId;
  return a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0;
}

/** True for a node of role `<role>-replica`. */
export function isReplica(node: NodeState): boolean {
  return node.role !== node.baseRole;
}

/** The nodes (among `nodes`) of a blueprint role, masters and replicas, in target order. */
export function nodesOfRole(role: Role, nodes: readonly NodeState[]): NodeState[] {
  const name = roleName(role);
  return nodes.filter((node) => node.baseRole === name).sort(compareNodes);
}

/** A role's hook by name; none when the role has no agent to run it. */
export function hookOf(role: Role, name: string): Service | undefined {
  if (role.agentInstalled === false) return undefined;
  return role.services?.[name];
}

/**
 * Where a role's hook runs among `nodes`: the role's nodes, masters before replicas then by
 * server id, cut to `nodesToExecuteOn` (so replicas are the first dropped); none when the role
 * has no such hook or no agent.
 */
export function hookTargets(role: Role, name: string, nodes: readonly NodeState[]): NodeState[] {
  const service = hookOf(role, name);
  if (!service) return [];
  return nodesOfRole(role, nodes).slice(0, service.nodesToExecuteOn ?? Number.POSITIVE_INFINITY);
}

/** A hook's timeout in seconds: its own (default 600), never above 86,400. */
export function hookTimeout(service: Service): number {
  return Math.min(service.timeout ?? SERVICE_TIMEOUT.default, SERVICE_TIMEOUT.max);
}
