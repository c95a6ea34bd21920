import type { NodeState, Operation } from '@pitrix/cluster-model';
import { PitrixError, type Problem } from '@pitrix/errors';
import type { HealthCheck, Role } from '@pitrix/package';
import { hasAgent, nodeLabel, roleName, type PlanContext } from '../context.js';
import { hookCommand } from '../hook-groups.js';
import { startInstances, stopInstances, waitForDrones, writeMetadata } from '../instances.js';
import { hookOf, hookTargets, nodesOfRole } from '../targets.js';

type Upgrade = Extract<Operation, { action: 'upgrade' }>;

/**
 * upgrade (`blueprint` is the new version): writeMetadata first (it delivers the new files and
 * templates), then role after role in blueprint order, nodes in batches (`canary` nodes, then at
 * most `maxInFlight`), each batch after the previous one; per node: stop hook (failures allowed)
 * → stopInstance → startInstance → waitForDrones → upgrade hook → start hook (the upgrade hook
 * after start when it has `postStartService`). A role with an enabled health check (its own, or
 * the blueprint's) gates each batch: `waitHealthy/<n>` waits for the batch's nodes to pass it
 * `healthyThreshold` times in a row, and the next batch (or setVersion) waits for the gate.
 * Finally setVersion.
 */
export function planUpgrade(ctx: PlanContext, operation: Upgrade): void {
  checkArguments(operation);
  checkCompatible(ctx);
  let frontier = writeMetadata(ctx, [], 'Write metadata of the new version');
  for (const role of ctx.roles.values()) {
    const check = enabledHealthCheck(ctx, role);
    for (const batch of batches(nodesOfRole(role, ctx.state.nodes), operation)) {
      frontier = batch.flatMap((node) => upgradeNode(ctx, role, node, frontier));
      if (check) frontier = waitHealthy(ctx, check, batch, frontier);
    }
  }
  ctx.tasks.add('setVersion', { type: 'setVersion', versionId: operation.targetVersionId }, frontier, `Switch to version ${operation.targetVersionId}`);
}

function upgradeNode(ctx: PlanContext, role: Role, node: NodeState, after: readonly string[]): readonly string[] {
  const hook = (name: string, from: readonly string[], failureAllowed = false) => {
    const service = hookOf(role, name);
    if (!service || !hookTargets(role, name, ctx.state.nodes).includes(node)) return from;
    return [hookCommand(ctx, { role, name, service }, node, from, { failureAllowed })];
  };
  let frontier = stopInstances(ctx, [node], hook('stop', after, true));
  frontier = waitForDrones(ctx, [node], startInstances(ctx, [node], frontier), `waitForDrones/${node.nodeId}`);
  if (hookOf(role, 'upgrade')?.postStartService === true) return hook('upgrade', hook('start', frontier));
  return hook('start', hook('upgrade', frontier));
}

/**
 * The role's health check as its drones run it (the role's own, else the blueprint's), when it is
 * enabled and the role has drones to run it; undefined otherwise (its batches are not gated).
 */
function enabledHealthCheck(ctx: PlanContext, role: Role): HealthCheck | undefined {
  if (role.agentInstalled === false) return undefined;
  const check = role.healthCheck ?? ctx.blueprint.healthCheck;
  return check?.enable && check.checkCmd ? check : undefined;
}

/**
 * The gate after a batch. Its timeout, `intervalSec × (healthyThreshold + unhealthyThreshold + 2)
 * + timeoutSec`, lets a node pass `healthyThreshold` checks after up to `unhealthyThreshold`
 * failing ones (a service still warming up, which the check itself would not yet call
 * unhealthy), plus two intervals for the resumed checks to reach the drones and the last check's
 * own timeout: a node failing longer than that would be unhealthy by its own check's rule.
 */
function waitHealthy(ctx: PlanContext, check: HealthCheck, batch: readonly NodeState[], after: readonly string[]): readonly string[] {
  const nodes = batch.filter((node) => hasAgent(ctx, node));
  if (nodes.length === 0) return after;
  const timeoutSeconds = check.intervalSec * (check.healthyThreshold + check.unhealthyThreshold + 2) + check.timeoutSec;
  const who = nodes.length === 1 ? nodeLabel(nodes[0] as NodeState) : `${nodes.length} nodes`;
  const spec = { type: 'waitHealthy' as const, nodeIds: nodes.map((node) => node.nodeId), healthyThreshold: check.healthyThreshold, timeoutSeconds };
  return [ctx.tasks.add(ctx.tasks.numbered('waitHealthy'), spec, after, `Wait until ${who} pass${nodes.length === 1 ? 'es' : ''} the health check ${check.healthyThreshold} times in a row`)];
}

/** The nodes in rollout order: the first `canary` of them, then `maxInFlight` at a time. */
function batches(nodes: readonly NodeState[], operation: Upgrade): NodeState[][] {
  const result: NodeState[][] = [];
  for (let start = 0; start < nodes.length; ) {
    const size = result.length === 0 ? operation.canary : operation.maxInFlight;
    result.push(nodes.slice(start, start + size));
    start += size;
  }
  return result;
}

function checkArguments(operation: Upgrade): void {
  for (const key of ['canary', 'maxInFlight'] as const) {
    const value = operation[key];
    if (!Number.isInteger(value) || value < 1) {
      throw new PitrixError('CLUSTER.INVALID_ARGUMENT', `${key} is ${value}; it must be a whole number of at least 1`, [{ path: key, message: 'must be at least 1', expected: '>= 1', found: value }]);
    }
  }
}

// The new version must deploy the roles the cluster runs: a role of the nodes that the new
// blueprint lacks would be orphaned, a new role with nodes would never be created by an upgrade.
function checkCompatible(ctx: PlanContext): void {
  const current = new Set(ctx.state.nodes.map((node) => node.baseRole));
  const problems: Problem[] = [];
  for (const role of [...current].sort()) {
    if (!ctx.roles.has(role)) problems.push({ path: 'nodes', message: `role "${role}" of the cluster is not in the new version`, expected: 'the same roles', found: role });
  }
  for (const role of ctx.roles.values()) {
    const name = roleName(role);
    if (role.count > 0 && !current.has(name)) problems.push({ path: 'nodes', message: `role "${name}" of the new version has no nodes in the cluster`, expected: 'the same roles', found: name });
  }
  if (problems.length > 0) {
    throw new PitrixError('CLUSTER.UPGRADE_INCOMPATIBLE', `the new version does not match the cluster's roles: ${problems.map((problem) => problem.message).join('; ')}`, problems);
  }
}
