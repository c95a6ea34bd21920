import type { NodeState, TaskSpec } from '@pitrix/cluster-model';
import { hasAgent, nodeLabel, type PlanContext } from './context.js';
import { advance, type TaskOptions } from './task-list.js';

/** One task per node, all waiting for `after`; returns their ids (none for no nodes). */
export function perNode(
  ctx: PlanContext,
  nodes: readonly NodeState[],
  after: readonly string[],
  make: (node: NodeState) => { readonly id: string; readonly spec: TaskSpec; readonly title: string },
  options: TaskOptions = {},
): string[] {
  return nodes.map((node) => {
    const task = make(node);
    return ctx.tasks.add(task.id, task.spec, after, task.title, options);
  });
}

/** Starts the nodes' instances in parallel. */
export function startInstances(ctx: PlanContext, nodes: readonly NodeState[], after: readonly string[]): readonly string[] {
  return advance(after, perNode(ctx, nodes, after, (node) => ({ id: `startInstance/${node.nodeId}`, spec: { type: 'startInstance', nodeId: node.nodeId }, title: `Start instance of ${nodeLabel(node)}` })));
}

/** Stops the nodes' instances in parallel. */
export function stopInstances(ctx: PlanContext, nodes: readonly NodeState[], after: readonly string[]): readonly string[] {
  return advance(after, perNode(ctx, nodes, after, (node) => ({ id: `stopInstance/${node.nodeId}`, spec: { type: 'stopInstance', nodeId: node.nodeId }, title: `Stop instance of ${nodeLabel(node)}` })));
}

/** Terminates the nodes' instances in parallel. */
export function terminateInstances(ctx: PlanContext, nodes: readonly NodeState[], after: readonly string[]): readonly string[] {
  return advance(after, perNode(ctx, nodes, after, (node) => ({ id: `terminateInstance/${node.nodeId}`, spec: { type: 'terminateInstance', nodeId: node.nodeId }, title: `Terminate instance of ${nodeLabel(node)}` })));
}

/** Deletes the volumes of the nodes that have one (a volume id, or a size from their role). */
export function deleteVolumes(ctx: PlanContext, nodes: readonly NodeState[], after: readonly string[]): readonly string[] {
  const withVolume = nodes.filter((node) => node.volumeId !== null || node.volumeSizeGiB > 0);
  return advance(after, perNode(ctx, withVolume, after, (node) => ({ id: `deleteVolume/${node.nodeId}`, spec: { type: 'deleteVolume', nodeId: node.nodeId }, title: `Delete volume of ${nodeLabel(node)}` })));
}

/** Waits for the drones of the nodes that run one, as one task (`id`); nothing when none does. */
export function waitForDrones(ctx: PlanContext, nodes: readonly NodeState[], after: readonly string[], id = 'waitForDrones'): readonly string[] {
  const agents = nodes.filter((node) => hasAgent(ctx, node));
  const nodeIds = agents.map((node) => node.nodeId);
  if (agents.length === 0) return after;
  const title = agents.length === 1 ? `Wait for the drone of ${nodeLabel(agents[0] as NodeState)}` : `Wait for the drones of ${agents.length} nodes`;
  return [ctx.tasks.add(id, { type: 'waitForDrones', nodeIds }, after, title)];
}

/** Writes the cluster's metadata (numbered `writeMetadata/<n>`). */
export function writeMetadata(ctx: PlanContext, after: readonly string[], title = 'Write metadata'): readonly string[] {
  return [ctx.tasks.add(ctx.tasks.numbered('writeMetadata'), { type: 'writeMetadata' }, after, title)];
}

/** Removes nodes from the read model (one task, `id`); nothing for no nodes. */
export function removeNodes(ctx: PlanContext, nodes: readonly NodeState[], after: readonly string[], id = 'removeNodes'): readonly string[] {
  if (nodes.length === 0) return after;
  return [ctx.tasks.add(id, { type: 'removeNodes', nodeIds: nodes.map((node) => node.nodeId) }, after, `Remove ${nodes.length} node${nodes.length === 1 ? '' : 's'}`)];
}

/** Publishes `/adding-hosts` or `/deleting-hosts` with these nodes, or clears it (failures allowed) when given none. */
export function setScalingHosts(ctx: PlanContext, kind: 'adding' | 'deleting', nodes: readonly NodeState[], after: readonly string[]): readonly string[] {
  const nodeIds = nodes.map((node) => node.nodeId);
  if (nodeIds.length === 0) {
    return [ctx.tasks.add(`setScalingHosts/${kind}/clear`, { type: 'setScalingHosts', kind, nodeIds }, after, `Clear ${kind}-hosts`, { failureAllowed: true })];
  }
  return [ctx.tasks.add(`setScalingHosts/${kind}`, { type: 'setScalingHosts', kind, nodeIds }, after, `Publish ${kind}-hosts (${nodeIds.length} node${nodeIds.length === 1 ? '' : 's'})`)];
}
