import type { NodeState } from '@pitrix/cluster-model';
import type { PlanContext } from './context.js';
import { hookUses, runGroups, type HookUse } from './hook-groups.js';

/** How nodes being deleted are taken out of service. */
export interface TeardownOptions {
  /** The user forces the deletion: a `destroy` veto is overridden where `allowForce` is not false. */
  readonly force: boolean;
  /** Runs between the veto (`destroy`) and the services stopping: `scale_in` on the remaining nodes. */
  readonly between?: (after: readonly string[]) => readonly string[];
}

/**
 * Takes nodes out of service: destroy groups (descending; a non-zero exit vetoes the deletion
 * unless forced and `allowForce` is not false) → `between` → stop groups (descending, failures
 * allowed) → destroy groups of roles whose destroy has `postStopService`. Instances are untouched.
 */
export function teardown(ctx: PlanContext, nodes: readonly NodeState[], after: readonly string[], options: TeardownOptions): readonly string[] {
  const failureAllowed = (use: HookUse) => options.force && use.service.allowForce !== false;
  const destroy = (postStop: boolean, from: readonly string[]) =>
    runGroups(ctx, { uses: hookUses(ctx, 'destroy', (hook) => (hook.postStopService === true) === postStop), nodes, after: from, descending: true, failureAllowed });
  let frontier = destroy(false, after);
  if (options.between) frontier = options.between(frontier);
  frontier = runGroups(ctx, { uses: hookUses(ctx, 'stop'), nodes, after: frontier, descending: true, failureAllowed: true });
  return destroy(true, frontier);
}
