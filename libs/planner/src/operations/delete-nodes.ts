import type { NodeState, Operation } from '@pitrix/cluster-model';
import { PitrixError, type Problem } from '@pitrix/errors';
import { runningNodes, type PlanContext } from '../context.js';
import { hookUses, runGroups, runPreChecks } from '../hook-groups.js';
import { deleteVolumes, removeNodes, setScalingHosts, stopInstances, terminateInstances, writeMetadata } from '../instances.js';
import { teardown } from '../teardown.js';
import { requireScalingOffered } from './horizontal-scaling.js';

/**
 * deleteNodes: publish `/deleting-hosts` → scale_in pre-check on the remaining nodes → destroy on
 * the deleted nodes (veto rules) → scale_in groups on the remaining nodes → stop on the deleted
 * nodes → stopInstance → terminateInstance → deleteVolume → removeNodes → clear
 * `/deleting-hosts` → writeMetadata.
 */
export function planDeleteNodes(ctx: PlanContext, operation: Extract<Operation, { action: 'deleteNodes' }>): void {
  const deleted = nodesToDelete(ctx, operation.nodeIds);
  requireScalingOffered(ctx, deleted.map((node) => node.baseRole), 'delete', (role) => ({
    path: 'nodeIds',
    found: deleted.filter((node) => node.baseRole === role).map((node) => node.nodeId),
  }));
  const gone = new Set(deleted.map((node) => node.nodeId));
  const remaining = runningNodes(ctx.state).filter((node) => !gone.has(node.nodeId));
  const scaleIn = hookUses(ctx, 'scale_in');
  let frontier = setScalingHosts(ctx, 'deleting', deleted, []);
  frontier = runPreChecks(ctx, [{ uses: scaleIn, nodes: remaining }, { uses: hookUses(ctx, 'destroy'), nodes: deleted }], frontier);
  frontier = teardown(ctx, deleted, frontier, {
    force: operation.force,
    between: (after) => runGroups(ctx, { uses: scaleIn, nodes: remaining, after }),
  });
  frontier = deleteVolumes(ctx, deleted, terminateInstances(ctx, deleted, stopInstances(ctx, deleted, frontier)));
  frontier = setScalingHosts(ctx, 'deleting', [], removeNodes(ctx, deleted, frontier));
  writeMetadata(ctx, frontier);
}

/**
 * The nodes to delete, refused when one is unknown (`CLUSTER.NODE_NOT_FOUND`) or not active
 * (`CLUSTER.INVALID_STATE`), when a group would be split (`CLUSTER.PARTIAL_GROUP`) or when no node
 * would remain (`CLUSTER.INVALID_OPERATION`: delete the cluster instead).
 */
function nodesToDelete(ctx: PlanContext, nodeIds: readonly string[]): NodeState[] {
  const ids = [...new Set(nodeIds)];
  if (ids.length === 0) throw new PitrixError('CLUSTER.INVALID_ARGUMENT', 'no node to delete', [{ path: 'nodeIds', message: 'must name at least one node', expected: 'one node id or more', found: [] }]);
  const byId = new Map(ctx.state.nodes.map((node) => [node.nodeId, node]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    throw new PitrixError('CLUSTER.NODE_NOT_FOUND', `cluster ${ctx.state.clusterId} has no node ${unknown.join(', ')}`, problems(unknown, 'not a node of the cluster'));
  }
  const nodes = ids.map((id) => byId.get(id) as NodeState);
  const inactive = nodes.filter((node) => node.status !== 'active');
  if (inactive.length > 0) {
    throw new PitrixError('CLUSTER.INVALID_STATE', `only active nodes can be deleted: ${inactive.map((node) => `${node.nodeId} is ${node.status}`).join(', ')}`, problems(inactive.map((node) => node.nodeId), 'not active'));
  }
  checkWholeGroups(ctx, nodes);
  if (nodes.length === ctx.state.nodes.length) {
    throw new PitrixError('CLUSTER.INVALID_OPERATION', `deleting every node of cluster ${ctx.state.clusterId} would leave nothing: delete the cluster instead`, [
      { path: 'nodeIds', message: 'names every node of the cluster', found: ids },
    ]);
  }
  return nodes;
}

// A master and its replicas share a group id and data; deleting part of a group would leave
// replicas without their master or a master without its replicas.
function checkWholeGroups(ctx: PlanContext, nodes: readonly NodeState[]): void {
  const chosen = new Set(nodes.map((node) => node.nodeId));
  const left = new Map<string, string[]>();
  for (const node of nodes) {
    const others = ctx.state.nodes.filter((other) => other.baseRole === node.baseRole && other.groupId === node.groupId && !chosen.has(other.nodeId));
    if (others.length > 0) left.set(`${node.baseRole}/${node.groupId}`, others.map((other) => other.nodeId));
  }
  if (left.size === 0) return;
  const groups = [...left.entries()].map(([group, others]) => `group ${group} keeps ${others.join(', ')}`);
  throw new PitrixError('CLUSTER.PARTIAL_GROUP', `a master and its replicas are deleted together: ${groups.join('; ')}`, [...left.entries()].map(([group, others]) => ({
    path: 'nodeIds',
    message: `group ${group} would keep ${others.join(', ')}`,
    expected: 'every node of the group',
    found: others,
  })));
}

function problems(nodeIds: readonly string[], message: string): Problem[] {
  return nodeIds.map((nodeId) => ({ path: 'nodeIds', message, found: nodeId }));
}
