import type { NodeState, Operation, RoleSize } from '@pitrix/cluster-model';
import { PitrixError } from '@pitrix/errors';
import type { Role } from '@pitrix/package';
import { nodeLabel, roleName, type PlanContext } from '../context.js';
import { hookCommand } from '../hook-groups.js';
import { startInstances, stopInstances, waitForDrones, writeMetadata } from '../instances.js';
import { hookOf, hookTargets, nodesOfRole } from '../targets.js';
import { requireRole } from './checks.js';

type Resize = Extract<Operation, { action: 'resize' }>;

/**
 * resize: role after role (blueprint order), each role's nodes all at once (`parallel`) or one
 * after another (`sequential`); per node: stop hook (failures allowed) → stopInstance →
 * resizeInstance → resizeVolume (growth only) → startInstance → waitForDrones → start hook. Then
 * one writeMetadata. Nodes whose size does not change are left alone. On a stopped cluster the
 * instances are only resized: no hook runs and nothing is started.
 */
export function planResize(ctx: PlanContext, operation: Resize): void {
  const sizes = checkSizes(ctx, operation);
  let frontier: readonly string[] = [];
  for (const role of ctx.roles.values()) {
    const size = sizes.get(roleName(role));
    if (!size) continue;
    const nodes = nodesOfRole(role, ctx.state.nodes).filter((node) => changes(node, size));
    if (role.verticalScalingPolicy === 'sequential') {
      for (const node of nodes) frontier = resizeNode(ctx, role, node, size, frontier);
    } else {
      const tails = nodes.flatMap((node) => resizeNode(ctx, role, node, size, frontier));
      if (tails.length > 0) frontier = tails;
    }
  }
  writeMetadata(ctx, frontier);
}

function resizeNode(ctx: PlanContext, role: Role, node: NodeState, size: RoleSize, after: readonly string[]): readonly string[] {
  const live = ctx.state.status === 'active';
  const hook = (name: string, from: readonly string[], failureAllowed: boolean) => {
    const service = hookOf(role, name);
    if (!live || !service || !hookTargets(role, name, ctx.state.nodes).includes(node)) return from;
    return [hookCommand(ctx, { role, name, service }, node, from, { failureAllowed })];
  };
  let frontier = live ? stopInstances(ctx, [node], hook('stop', after, true)) : after;
  const cpu = size.cpu ?? node.cpu;
  const memoryMiB = size.memoryMiB ?? node.memoryMiB;
  if (cpu !== node.cpu || memoryMiB !== node.memoryMiB) {
    frontier = [ctx.tasks.add(`resizeInstance/${node.nodeId}`, { type: 'resizeInstance', nodeId: node.nodeId, cpu, memoryMiB }, frontier, `Resize instance of ${nodeLabel(node)} to ${cpu} CPU, ${memoryMiB} MiB`)];
  }
  if (size.volumeSizeGiB !== undefined && size.volumeSizeGiB > node.volumeSizeGiB) {
    const sizeGiB = size.volumeSizeGiB;
    frontier = [ctx.tasks.add(`resizeVolume/${node.nodeId}`, { type: 'resizeVolume', nodeId: node.nodeId, sizeGiB }, frontier, `Grow volume of ${nodeLabel(node)} to ${sizeGiB} GiB`)];
  }
  if (!live) return frontier;
  frontier = waitForDrones(ctx, [node], startInstances(ctx, [node], frontier), `waitForDrones/${node.nodeId}`);
  return hook('start', frontier, false);
}

function changes(node: NodeState, size: RoleSize): boolean {
  const cpu = size.cpu !== undefined && size.cpu !== node.cpu;
  const memory = size.memoryMiB !== undefined && size.memoryMiB !== node.memoryMiB;
  return cpu || memory || (size.volumeSizeGiB !== undefined && size.volumeSizeGiB > node.volumeSizeGiB);
}

// Every requested size is checked before anything is planned: a role named twice or unknown, a
// size below 1, a volume on a role without one, or a volume that would shrink (volumes only grow).
function checkSizes(ctx: PlanContext, operation: Resize): Map<string, RoleSize> {
  if (operation.roles.length === 0) throw new PitrixError('CLUSTER.INVALID_ARGUMENT', 'resize names no role', [{ path: 'roles', message: 'must name at least one role', found: [] }]);
  const sizes = new Map<string, RoleSize>();
  operation.roles.forEach((size, index) => {
    const role = requireRole(ctx, size.role, `roles[${index}].role`);
    if (sizes.has(size.role)) throw new PitrixError('CLUSTER.INVALID_ARGUMENT', `role "${size.role}" is resized twice`, [{ path: `roles[${index}].role`, message: 'named twice', found: size.role }]);
    for (const key of ['cpu', 'memoryMiB', 'volumeSizeGiB'] as const) {
      const value = size[key];
      if (value !== undefined && !(Number.isInteger(value) && value >= 1)) throw invalidSize(index, key, value, 'a whole number of at least 1');
    }
    if (size.volumeSizeGiB !== undefined) {
      if (!role.volume) throw invalidSize(index, 'volumeSizeGiB', size.volumeSizeGiB, `no volume: role "${size.role}" has none`);
      const largest = Math.max(0, ...nodesOfRole(role, ctx.state.nodes).map((node) => node.volumeSizeGiB));
      if (size.volumeSizeGiB < largest) throw invalidSize(index, 'volumeSizeGiB', size.volumeSizeGiB, `>= ${largest} GiB (volumes only grow)`);
    }
    sizes.set(size.role, size);
  });
  return sizes;
}

function invalidSize(index: number, key: string, found: unknown, expected: string): PitrixError {
  return new PitrixError('CLUSTER.INVALID_SIZE', `roles[${index}].${key} is ${String(found)}; expected ${expected}`, [{ path: `roles[${index}].${key}`, message: 'invalid size', expected, found }]);
}
