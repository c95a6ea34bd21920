import type { NodeState } from '@pitrix/cluster-model';
import { hasAgent, nodeLabel, roleOf, type PlanContext } from './context.js';
import { hookUses, runGroups } from './hook-groups.js';
import { perNode, writeMetadata } from './instances.js';
import { advance } from './task-list.js';

/**
 * Brings new nodes into service once their metadata is written: init groups (roles whose init
 * runs before start) → customMetadata tokens + writeMetadata → start groups → init groups of
 * roles with `postStartService`. Returns what the next step waits for.
 */
export function bringUp(ctx: PlanContext, nodes: readonly NodeState[], after: readonly string[]): readonly string[] {
  let frontier = runGroups(ctx, { uses: hookUses(ctx, 'init', (init) => init.postStartService !== true), nodes, after });
  frontier = customMetadata(ctx, nodes, frontier);
  frontier = runGroups(ctx, { uses: hookUses(ctx, 'start'), nodes, after: frontier });
  return runGroups(ctx, { uses: hookUses(ctx, 'init', (init) => init.postStartService === true), nodes, after: frontier });
}

// `customMetadata.cmd` prints a value (a join token) that other nodes read from metadata, so it
// runs on every node of its role, whatever `nodesToExecuteOn` says, and metadata is rewritten.
function customMetadata(ctx: PlanContext, nodes: readonly NodeState[], after: readonly string[]): readonly string[] {
  const targets = nodes.filter((node) => hasAgent(ctx, node) && roleOf(ctx, node)?.customMetadata !== undefined);
  const ids = perNode(ctx, targets, after, (node) => {
    const custom = roleOf(ctx, node)?.customMetadata;
    return {
      id: `customMetadata/${node.nodeId}`,
      spec: { type: 'runCommand', command: { nodeId: node.nodeId, service: 'customMetadata', cmd: custom?.cmd ?? '', timeoutSeconds: custom?.timeout ?? 60, capture: 'token' } },
      title: `Capture the token of ${nodeLabel(node)}`,
    };
  });
  return ids.length > 0 ? writeMetadata(ctx, ids, 'Write metadata with the tokens') : advance(after, ids);
}
