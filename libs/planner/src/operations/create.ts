import type { PlanContext } from '../context.js';
import { allocateNodes } from '../allocation.js';
import { bringUp } from '../bring-up.js';
import { writeMetadata } from '../instances.js';
import { provisionNodes } from '../provisioning.js';

/**
 * create: checkResources → registerNodes → ensureFrontgate → volumes and instances → drones →
 * key pairs → writeMetadata → init → customMetadata → start → post-start init. Every role
 * deploys `count` masters, each with `replica` replicas.
 */
export function planCreate(ctx: PlanContext): void {
  const nodes = ctx.blueprint.nodes.flatMap((role) => allocateNodes({ jobId: ctx.input.jobId, role, masters: role.count, existing: ctx.state.nodes }));
  const provisioned = provisionNodes(ctx, nodes, [], { ensureFrontgate: true });
  bringUp(ctx, nodes, writeMetadata(ctx, provisioned));
}
