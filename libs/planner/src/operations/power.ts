import { runningNodes, type PlanContext } from '../context.js';
import { hookUses, runGroups, runPreChecks } from '../hook-groups.js';
import { startInstances, stopInstances, waitForDrones, writeMetadata } from '../instances.js';

/** start and recover: startInstance (every node) → waitForDrones → writeMetadata → start groups. */
export function planStart(ctx: PlanContext): void {
  const nodes = ctx.state.nodes;
  const started = waitForDrones(ctx, nodes, startInstances(ctx, nodes, []));
  runGroups(ctx, { uses: hookUses(ctx, 'start'), nodes, after: writeMetadata(ctx, started) });
}

/** stop: stop groups (descending, failures allowed) → stopInstance on every node not stopped yet. */
export function planStop(ctx: PlanContext): void {
  const running = runningNodes(ctx.state);
  const stop = hookUses(ctx, 'stop');
  const checked = runPreChecks(ctx, [{ uses: stop, nodes: running }], []);
  const stopped = runGroups(ctx, { uses: stop, nodes: running, after: checked, descending: true, failureAllowed: true });
  stopInstances(ctx, ctx.state.nodes.filter((node) => node.status !== 'stopped'), stopped);
}

/**
 * restart (instances untouched): roles with a `restart` hook run it; the others are stopped
 * (descending, failures allowed) before it and started after it, so the restarted roles come
 * back while the rest is down.
 */
export function planRestart(ctx: PlanContext): void {
  const nodes = runningNodes(ctx.state);
  const restart = hookUses(ctx, 'restart');
  const restarted = new Set(restart.map((use) => use.role));
  const stop = hookUses(ctx, 'stop').filter((use) => !restarted.has(use.role));
  const start = hookUses(ctx, 'start').filter((use) => !restarted.has(use.role));
  let frontier = runPreChecks(ctx, [restart, stop, start].map((uses) => ({ uses, nodes })), []);
  frontier = runGroups(ctx, { uses: stop, nodes, after: frontier, descending: true, failureAllowed: true });
  frontier = runGroups(ctx, { uses: restart, nodes, after: frontier });
  runGroups(ctx, { uses: start, nodes, after: frontier });
}
