import type { NodeState } from '@pitrix/cluster-model';
import { hasAgent, nodeLabel, roleOf, type PlanContext } from './context.js';
import { perNode, waitForDrones } from './instances.js';
import { advance } from './task-list.js';

/** How new nodes are provisioned. */
export interface ProvisionOptions {
  /** Place the cluster and make sure its frontgate runs first (create; added nodes join the placed cluster). */
  readonly ensureFrontgate: boolean;
}

/**
 * Provisions new nodes: checkResources → registerNodes → (ensureFrontgate) → createVolume →
 * runInstance (after its volume) → attachVolume (after both) and waitForDrones (after every
 * instance) → key pairs. Returns what the next step waits for.
 */
export function provisionNodes(ctx: PlanContext, nodes: readonly NodeState[], after: readonly string[], options: ProvisionOptions): readonly string[] {
  let frontier = [checkResources(ctx, nodes, after)];
  frontier = [ctx.tasks.add('registerNodes', { type: 'registerNodes', nodes }, frontier, `Register ${nodes.length} node${nodes.length === 1 ? '' : 's'}`)];
  if (options.ensureFrontgate) frontier = [ctx.tasks.add('ensureFrontgate', { type: 'ensureFrontgate' }, frontier, 'Ensure the frontgate runs')];
  const attached: string[] = [];
  const instances: string[] = [];
  for (const node of nodes) {
    const volume = createVolume(ctx, node, frontier);
    const instance = ctx.tasks.add(`runInstance/${node.nodeId}`, { type: 'runInstance', nodeId: node.nodeId }, [...frontier, ...volume], `Run instance for ${nodeLabel(node)}`);
    instances.push(instance);
    if (volume.length > 0) attached.push(attachVolume(ctx, node, [...volume, instance]));
  }
  const drones = waitForDrones(ctx, nodes, instances);
  const ready = [...new Set([...drones, ...attached])];
  return keyPairs(ctx, nodes, ready.length > 0 ? ready : frontier);
}

function checkResources(ctx: PlanContext, nodes: readonly NodeState[], after: readonly string[]): string {
  const withVolume = nodes.filter((node) => node.volumeSizeGiB > 0);
  const spec = {
    type: 'checkResources' as const,
    instances: nodes.length,
    cpu: sum(nodes.map((node) => node.cpu)),
    memoryMiB: sum(nodes.map((node) => node.memoryMiB)),
    volumes: withVolume.length,
    volumeGiB: sum(withVolume.map((node) => node.volumeSizeGiB)),
  };
  return ctx.tasks.add('checkResources', spec, after, `Check resources for ${nodes.length} instance${nodes.length === 1 ? '' : 's'}`);
}

function createVolume(ctx: PlanContext, node: NodeState, after: readonly string[]): string[] {
  if (node.volumeSizeGiB <= 0) return [];
  return [ctx.tasks.add(`createVolume/${node.nodeId}`, { type: 'createVolume', nodeId: node.nodeId, sizeGiB: node.volumeSizeGiB }, after, `Create volume for ${nodeLabel(node)}`)];
}

// A volume is one disk per node, attached at the role's first mount point; further mount points
// (AppCenter splits the size across up to three) are partitions the drone lays out on it.
function attachVolume(ctx: PlanContext, node: NodeState, after: readonly string[]): string {
  const mount = roleOf(ctx, node)?.volume?.mountPoint ?? '/data';
  const mountPoint = Array.isArray(mount) ? (mount[0] as string) : mount;
  return ctx.tasks.add(`attachVolume/${node.nodeId}`, { type: 'attachVolume', nodeId: node.nodeId, mountPoint }, after, `Attach volume to ${nodeLabel(node)}`);
}

// The key lives under the node's data folder, never /root: nodes of the `local` runtime share
// the machine and its users. The command keeps an existing key so a retried task changes nothing.
function keyPairCommand(kind: 'ssh-rsa' | 'ssh-dsa'): string {
  const type = kind === 'ssh-rsa' ? 'rsa' : 'dsa';
  const dir = '"$PITRIX_DATA_DIR/.ssh"';
  const key = `"$PITRIX_DATA_DIR/.ssh/id_${type}"`;
  return `mkdir -p ${dir} && chmod 700 ${dir} && { [ -f ${key} ] || ssh-keygen -q -t ${type} -N '' -f ${key}; } && cat "$PITRIX_DATA_DIR/.ssh/id_${type}.pub"`;
}

/** Seconds a key-pair generation may take (OpenPitrix's ssh-keygen step). */
export const KEY_PAIR_TIMEOUT_SECONDS = 120;

/** Generates a key pair on each node of a `passphraseless` role, capturing the public key for metadata. */
export function keyPairs(ctx: PlanContext, nodes: readonly NodeState[], after: readonly string[]): readonly string[] {
  const targets = nodes.filter((node) => hasAgent(ctx, node) && roleOf(ctx, node)?.passphraseless !== undefined);
  const ids = perNode(ctx, targets, after, (node) => ({
    id: `keyPair/${node.nodeId}`,
    spec: {
      type: 'runCommand',
      command: { nodeId: node.nodeId, service: 'keyPair', cmd: keyPairCommand(roleOf(ctx, node)?.passphraseless ?? 'ssh-rsa'), timeoutSeconds: KEY_PAIR_TIMEOUT_SECONDS, capture: 'pubKey' },
    },
    title: `Generate a key pair on ${nodeLabel(node)}`,
  }));
  return advance(after, ids);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
