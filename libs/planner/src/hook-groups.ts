import type { CommandSpec, NodeState } from '@pitrix/cluster-model';
import type { Role, Service } from '@pitrix/package';
import { nodeLabel, type PlanContext } from './context.js';
import { advance } from './task-list.js';
import { hookOf, hookTargets, hookTimeout } from './targets.js';

/** One role's use of a hook: the role, the hook's name (what the command sees as `PITRIX_SERVICE`) and its definition. */
export interface HookUse {
  readonly role: Role;
  readonly name: string;
  readonly service: Service;
}

/** Every role (in blueprint order) that has hook `name` and an agent, optionally filtered. */
export function hookUses(ctx: PlanContext, name: string, include: (service: Service) => boolean = () => true): HookUse[] {
  const uses: HookUse[] = [];
  for (const role of ctx.roles.values()) {
    const service = hookOf(role, name);
    if (service && include(service)) uses.push({ role, name, service });
  }
  return uses;
}

/** How one hook runs across the cluster. */
export interface GroupRun {
  readonly uses: readonly HookUse[];
  /** The nodes the operation touches; each role's targets are taken among them. */
  readonly nodes: readonly NodeState[];
  readonly after: readonly string[];
  /** `stop` and `destroy` run their `order` groups from the highest down. */
  readonly descending?: boolean;
  readonly failureAllowed?: boolean | ((use: HookUse) => boolean);
  /** Parameters given by the operation (custom actions, backup, restore), over the hook's own. */
  readonly params?: Readonly<Record<string, unknown>>;
}

/**
 * Runs a hook in `order` groups: one layer per distinct order across the roles, equal orders in
 * parallel, each group waiting for every task of the previous one. Returns what the next step
 * waits for (the last group, or `after` when nothing ran).
 */
export function runGroups(ctx: PlanContext, run: GroupRun): readonly string[] {
  const orders = [...new Set(run.uses.map((use) => use.service.order ?? 0))].sort((a, b) => (run.descending ? b - a : a - b));
  let after = run.after;
  for (const order of orders) {
    const group: string[] = [];
    for (const use of run.uses.filter((candidate) => (candidate.service.order ?? 0) === order)) {
      const failureAllowed = typeof run.failureAllowed === 'function' ? run.failureAllowed(use) : run.failureAllowed === true;
      for (const node of hookTargets(use.role, use.name, run.nodes)) {
        group.push(hookCommand(ctx, use, node, after, { failureAllowed, params: run.params }));
      }
    }
    after = advance(after, group);
  }
  return after;
}

/** Runs the pre-checks of these hook runs, all in one layer: any non-zero exit fails the job before anything changed. */
export function runPreChecks(ctx: PlanContext, runs: readonly Pick<GroupRun, 'uses' | 'nodes' | 'params'>[], after: readonly string[]): readonly string[] {
  const checks: string[] = [];
  for (const run of runs) {
    for (const use of run.uses) {
      if (use.service.preCheck === undefined) continue;
      for (const node of hookTargets(use.role, use.name, run.nodes)) {
        const command = commandSpec(node, `${use.name}:preCheck`, use.service.preCheck, use.service, run.params);
        checks.push(ctx.tasks.add(`${use.name}:preCheck/${node.nodeId}`, { type: 'runCommand', command }, after, `${use.name} pre-check on ${nodeLabel(node)}`));
      }
    }
  }
  return advance(after, checks);
}

/** Adds one hook command on one node (ids `<hook>/o<order>/<node>`) and returns its id. */
export function hookCommand(
  ctx: PlanContext,
  use: HookUse,
  node: NodeState,
  after: readonly string[],
  options: { readonly failureAllowed?: boolean; readonly params?: Readonly<Record<string, unknown>> } = {},
): string {
  const order = use.service.order ?? 0;
  const command = commandSpec(node, use.name, use.service.cmd, use.service, options.params);
  return ctx.tasks.add(`${use.name}/o${order}/${node.nodeId}`, { type: 'runCommand', command }, after, `${use.name} (order ${order}) on ${nodeLabel(node)}`, {
    failureAllowed: options.failureAllowed,
  });
}

function commandSpec(node: NodeState, service: string, cmd: string, hook: Service, given: Readonly<Record<string, unknown>> | undefined): CommandSpec {
  const params = { ...(hook.serviceParams ?? {}), ...(given ?? {}) };
  const spec: CommandSpec = { nodeId: node.nodeId, service, cmd, timeoutSeconds: hookTimeout(hook) };
  return Object.keys(params).length > 0 ? { ...spec, params } : spec;
}
