import { PitrixError } from '@pitrix/errors';
import type { PlanContext } from '../context.js';

type Scaling = 'add' | 'delete';

// AppCenter's semantics: a package that declares `advancedActions` anywhere lists what may be
// scaled; one that declares none leaves every role scalable.
const OFFERING: Record<Scaling, readonly string[]> = { add: ['scale_horizontal', 'add_nodes'], delete: ['scale_horizontal'] };
const DOING: Record<Scaling, string> = { add: 'adding nodes to it', delete: 'deleting its nodes' };

/**
 * Refuses adding nodes to, or deleting nodes of, a role the package does not offer it for
 * (`CLUSTER.ACTION_NOT_OFFERED`): adding needs `scale_horizontal` or `add_nodes`, deleting
 * `scale_horizontal`, in the role's or the cluster's `advancedActions`.
 */
export function requireScalingOffered(ctx: PlanContext, roles: readonly string[], scaling: Scaling, problemAt: (role: string) => { path: string; found: unknown }): void {
  const { blueprint } = ctx;
  if (blueprint.advancedActions === undefined && blueprint.nodes.every((role) => role.advancedActions === undefined)) return;
  const refused = [...new Set(roles)].filter((role) => !offeredActions(ctx, role).some((action) => OFFERING[scaling].includes(action)));
  if (refused.length === 0) return;
  const wanted = OFFERING[scaling].join(' or ');
  const describe = (role: string) => `role "${role}" does not offer ${wanted} (its advancedActions are: ${offeredActions(ctx, role).join(', ') || 'none'}); ${DOING[scaling]} is refused`;
  throw new PitrixError(
    'CLUSTER.ACTION_NOT_OFFERED',
    refused.map(describe).join('; '),
    refused.map((role) => ({ ...problemAt(role), message: describe(role), expected: wanted })),
  );
}

function offeredActions(ctx: PlanContext, role: string): string[] {
  return [...new Set([...(ctx.roles.get(role)?.advancedActions ?? []), ...(ctx.blueprint.advancedActions ?? [])])];
}
