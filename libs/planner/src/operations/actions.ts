import type { Operation } from '@pitrix/cluster-model';
import { PitrixError } from '@pitrix/errors';
import { runningNodes, type PlanContext } from '../context.js';
import { hookUses, runGroups, runPreChecks, type GroupRun, type HookUse } from '../hook-groups.js';
import { writeMetadata } from '../instances.js';
import { hookOf } from '../targets.js';

/** updateEnv: one writeMetadata; the drones re-render the config templates and run their reload commands. */
export function planUpdateEnv(ctx: PlanContext): void {
  writeMetadata(ctx, [], 'Write metadata with the new env');
}

/**
 * runAction: the custom hook `name` of every role that declares it, pre-check first, in `order`
 * groups, with the operation's parameters over the hook's own `serviceParams`.
 */
export function planRunAction(ctx: PlanContext, operation: Extract<Operation, { action: 'runAction' }>): void {
  const uses = hookUses(ctx, operation.name, (service) => service.type === 'custom');
  if (uses.length === 0) {
    const known = [...new Set([...ctx.roles.values()].flatMap((role) => Object.entries(role.services ?? {}).filter(([, service]) => service.type === 'custom').map(([name]) => name)))].sort();
    throw notFound(`no role declares the action "${operation.name}" (actions: ${known.join(', ') || 'none'})`, 'name', known, operation.name);
  }
  runChecked(ctx, uses, operation.params);
}

/** backup: the `backup` hook with `{ snapshotId }`; `CLUSTER.ACTION_NOT_FOUND` when no role has one. */
export function planBackup(ctx: PlanContext, operation: Extract<Operation, { action: 'backup' }>): void {
  const uses = hookUses(ctx, 'backup');
  if (uses.length === 0) throw notFound('no role of the cluster has a backup hook', 'action', ['backup'], 'backup');
  runChecked(ctx, uses, { snapshotId: operation.snapshotId });
}

/** deleteSnapshot: the `delete_snapshot` hook with `{ snapshotId }`; `CLUSTER.ACTION_NOT_FOUND` when no role has one. */
export function planDeleteSnapshot(ctx: PlanContext, operation: Extract<Operation, { action: 'deleteSnapshot' }>): void {
  const uses = hookUses(ctx, 'delete_snapshot');
  if (uses.length === 0) throw notFound('no role of the cluster has a delete_snapshot hook', 'action', ['delete_snapshot'], 'deleteSnapshot');
  runChecked(ctx, uses, { snapshotId: operation.snapshotId });
}

/**
 * restore: the `restore` hook with `{ snapshotId }`, or on roles without one their `start` hook;
 * `CLUSTER.ACTION_NOT_FOUND` when no role has a backup or restore hook (nothing could have been backed up).
 */
export function planRestore(ctx: PlanContext, operation: Extract<Operation, { action: 'restore' }>): void {
  if (hookUses(ctx, 'backup').length === 0 && hookUses(ctx, 'restore').length === 0) {
    throw notFound('no role of the cluster has a backup or restore hook', 'action', ['backup', 'restore'], 'restore');
  }
  const uses: HookUse[] = [];
  for (const role of ctx.roles.values()) {
    const restore = hookOf(role, 'restore');
    const start = hookOf(role, 'start');
    if (restore) uses.push({ role, name: 'restore', service: restore });
    else if (start) uses.push({ role, name: 'start', service: start });
  }
  runChecked(ctx, uses, { snapshotId: operation.snapshotId });
}

function runChecked(ctx: PlanContext, uses: readonly HookUse[], params: GroupRun['params']): void {
  const nodes = runningNodes(ctx.state);
  const checked = runPreChecks(ctx, [{ uses, nodes, params }], []);
  runGroups(ctx, { uses, nodes, after: checked, params });
}

function notFound(message: string, path: string, known: readonly string[], found: string): PitrixError {
  return new PitrixError('CLUSTER.ACTION_NOT_FOUND', message, [{ path, message: 'unknown action', expected: known.join(', '), found }]);
}
