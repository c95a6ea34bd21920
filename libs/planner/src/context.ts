import type { ClusterState, NodeState } from '@pitrix/cluster-model';
import type { Blueprint, Role } from '@pitrix/package';
import type { PlanInput } from './input.js';
import { TaskList } from './task-list.js';

/** What every step of a plan reads (the input, the blueprint's roles by name) and writes (the tasks). */
export interface PlanContext {
  readonly input: PlanInput;
  readonly blueprint: Blueprint;
  readonly state: ClusterState;
  /** Blueprint roles by name (`''` for a role-less app), in blueprint order. */
  readonly roles: ReadonlyMap<string, Role>;
  readonly tasks: TaskList;
}

/** A fresh context for one plan. */
export function createContext(input: PlanInput): PlanContext {
  const roles = new Map(input.blueprint.nodes.map((role) => [roleName(role), role]));
  return { input, blueprint: input.blueprint, state: input.state, roles, tasks: new TaskList() };
}

/** The name a role's nodes carry as their base role: `''` for a role-less app. */
export function roleName(role: Role): string {
  return role.role ?? '';
}

/** The blueprint role a node comes from, if the blueprint declares it. */
export function roleOf(ctx: PlanContext, node: NodeState): Role | undefined {
  return ctx.roles.get(node.baseRole);
}

/** True when the node runs a drone: its role does not say `agentInstalled: false`. */
export function hasAgent(ctx: PlanContext, node: NodeState): boolean {
  return roleOf(ctx, node)?.agentInstalled !== false;
}

/** How titles name a node: its role and server id (`master #1`, `master-replica #2`, `node #1`). */
export function nodeLabel(node: NodeState): string {
  return `${node.role === '' ? 'node' : node.role} #${node.serverId}`;
}

/** The nodes of the cluster that are up and reachable by their drones (status `active`). */
export function runningNodes(state: ClusterState): NodeState[] {
  return state.nodes.filter((node) => node.status === 'active');
}
