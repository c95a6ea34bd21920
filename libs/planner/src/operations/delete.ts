import type { Operation } from '@pitrix/cluster-model';
import { runningNodes, type PlanContext } from '../context.js';
import { hookUses, runPreChecks } from '../hook-groups.js';
import { deleteVolumes, removeNodes, stopInstances, terminateInstances } from '../instances.js';
import { teardown } from '../teardown.js';

/**
 * delete (soft): destroy groups (a veto unless forced) → stop groups → post-stop destroy →
 * stopInstance. Hooks run on the nodes that are up; volumes and instances stay for `recover`.
 */
export function planDelete(ctx: PlanContext, operation: Extract<Operation, { action: 'delete' }>): void {
  const running = runningNodes(ctx.state);
  const checked = runPreChecks(ctx, [{ uses: hookUses(ctx, 'destroy'), nodes: running }, { uses: hookUses(ctx, 'stop'), nodes: running }], []);
  const down = teardown(ctx, running, checked, { force: operation.force });
  stopInstances(ctx, ctx.state.nodes.filter((node) => node.status !== 'stopped'), down);
}

/** cease: terminateInstance → deleteVolume → deleteMetadata → removeNodes, for every node. */
export function planCease(ctx: PlanContext): void {
  const nodes = ctx.state.nodes;
  const volumes = deleteVolumes(ctx, nodes, terminateInstances(ctx, nodes, []));
  const metadata = ctx.tasks.add('deleteMetadata', { type: 'deleteMetadata' }, volumes, 'Delete the cluster metadata');
  removeNodes(ctx, nodes, [metadata]);
}
