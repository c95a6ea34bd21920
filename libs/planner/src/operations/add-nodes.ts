import type { Operation } from '@pitrix/cluster-model';
import { PitrixError } from '@pitrix/errors';
import { allocateNodes } from '../allocation.js';
import { bringUp } from '../bring-up.js';
import { runningNodes, type PlanContext } from '../context.js';
import { hookUses, runGroups, runPreChecks } from '../hook-groups.js';
import { setScalingHosts, writeMetadata } from '../instances.js';
import { provisionNodes } from '../provisioning.js';
import { requireRole } from './checks.js';
import { requireScalingOffered } from './horizontal-scaling.js';

/**
 * addNodes: scale_out pre-check on the existing nodes → provision the new ones → publish
 * `/adding-hosts` → writeMetadata → init, start and post-start init on the new nodes only →
 * scale_out groups on the existing nodes → clear `/adding-hosts` → writeMetadata.
 */
export function planAddNodes(ctx: PlanContext, operation: Extract<Operation, { action: 'addNodes' }>): void {
  const role = requireRole(ctx, operation.role, 'role');
  if (!Number.isInteger(operation.count) || operation.count < 1) {
    throw new PitrixError('CLUSTER.INVALID_ARGUMENT', `cannot add ${operation.count} nodes: count must be a whole number of at least 1`, [
      { path: 'count', message: 'must be at least 1', expected: '>= 1', found: operation.count },
    ]);
  }
  requireScalingOffered(ctx, [operation.role], 'add', (name) => ({ path: 'role', found: name }));
  const existing = runningNodes(ctx.state);
  const added = allocateNodes({ jobId: ctx.input.jobId, role, masters: operation.count, existing: ctx.state.nodes });
  const scaleOut = hookUses(ctx, 'scale_out');
  let frontier = runPreChecks(ctx, [{ uses: scaleOut, nodes: existing }], []);
  frontier = provisionNodes(ctx, added, frontier, { ensureFrontgate: false });
  frontier = writeMetadata(ctx, setScalingHosts(ctx, 'adding', added, frontier));
  frontier = bringUp(ctx, added, frontier);
  frontier = runGroups(ctx, { uses: scaleOut, nodes: existing, after: frontier });
  writeMetadata(ctx, setScalingHosts(ctx, 'adding', [], frontier));
}
