import type { NodeState, Operation } from '@pitrix/cluster-model';
import { PitrixError } from '@pitrix/errors';
import { bringUp } from '../bring-up.js';
import { nodeLabel, roleOf, type PlanContext } from '../context.js';
import { waitForDrones, writeMetadata } from '../instances.js';
import { keyPairs } from '../provisioning.js';

type Heal = Extract<Operation, { action: 'heal' }>;

/**
 * heal (BOSH's resurrection): per node, in parallel, terminate what is left of its instance
 * (failures allowed: it is usually gone; a terminated instance lets go of its volume, which
 * providers keep) → run a new instance under the same node id and server id (`generation`: this
 * job) → attach the kept volume;
 * then wait for the drones → write metadata (new addresses reach every node, whose templates
 * render again) → key pairs → init, tokens and start on the healed nodes only.
 */
export function planHeal(ctx: PlanContext, operation: Heal): void {
  const nodes = checkedNodes(ctx, operation);
  const instances: string[] = [];
  const attached: string[] = [];
  for (const node of nodes) {
    const terminated = [ctx.tasks.add(`terminateInstance/${node.nodeId}`, { type: 'terminateInstance', nodeId: node.nodeId }, [], `Terminate what is left of ${nodeLabel(node)}'s instance`, { failureAllowed: true })];
    const instance = ctx.tasks.add(`runInstance/${node.nodeId}`, { type: 'runInstance', nodeId: node.nodeId, generation: ctx.input.jobId }, terminated, `Run a new instance for ${nodeLabel(node)}`);
    instances.push(instance);
    if (node.volumeId) attached.push(attachVolume(ctx, node, instance));
  }
  const ready = [...new Set([...waitForDrones(ctx, nodes, instances), ...attached])];
  let frontier = writeMetadata(ctx, ready, 'Write metadata with the new instances');
  frontier = keyPairs(ctx, nodes, frontier);
  bringUp(ctx, nodes, frontier);
}

function attachVolume(ctx: PlanContext, node: NodeState, instance: string): string {
  const mount = roleOf(ctx, node)?.volume?.mountPoint ?? '/data';
  const mountPoint = Array.isArray(mount) ? (mount[0] as string) : mount;
  return ctx.tasks.add(`attachVolume/${node.nodeId}`, { type: 'attachVolume', nodeId: node.nodeId, mountPoint }, [instance], `Attach the kept volume to ${nodeLabel(node)}`);
}

// Only nodes of the cluster that are meant to run are healed; a stopped or deleted node is not down.
function checkedNodes(ctx: PlanContext, operation: Heal): NodeState[] {
  if (operation.nodeIds.length === 0) {
    throw new PitrixError('CLUSTER.INVALID_ARGUMENT', 'a heal names at least one node', [{ path: 'nodeIds', message: 'is empty', expected: 'node ids', found: [] }]);
  }
  const byId = new Map(ctx.state.nodes.map((node) => [node.nodeId, node]));
  const problems = operation.nodeIds.flatMap((nodeId) => {
    const node = byId.get(nodeId);
    if (!node) return [{ path: 'nodeIds', message: `node ${nodeId} is not in cluster ${ctx.state.clusterId}`, found: nodeId }];
    if (node.status !== 'active' && node.status !== 'failed') return [{ path: 'nodeIds', message: `node ${nodeId} is ${node.status}, not running`, expected: 'active or failed', found: node.status }];
    return [];
  });
  if (problems.length > 0) throw new PitrixError('CLUSTER.INVALID_ARGUMENT', `cannot heal: ${problems.map((problem) => problem.message).join('; ')}`, problems);
  return operation.nodeIds.map((nodeId) => byId.get(nodeId) as NodeState);
}
