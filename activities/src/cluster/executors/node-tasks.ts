import type { TaskSpec } from '@pitrix/cluster-model';
import { createHash } from 'node:crypto';
import { frontgateClientToken, frontgateTags } from '../../runtime/instance-tags.js';
import type { TaskContext } from '../task-context.js';
import { interruptibleHeartbeat, throwIfJobCancelled } from '../../heartbeat-sender.js';
import { attemptTimeLeftMs } from '../attempt-budget.js';

type Of<T extends TaskSpec['type']> = Extract<TaskSpec, { type: T }>;

/** Records new nodes before anything is created for them. */
export async function registerNodes(ctx: TaskContext, spec: Of<'registerNodes'>): Promise<void> {
  for (const node of spec.nodes) await ctx.record(`node/${node.nodeId}`, { type: 'NodeAdded', node });
}

/** Removes nodes whose resources are gone. */
export async function removeNodes(ctx: TaskContext, spec: Of<'removeNodes'>): Promise<void> {
  for (const nodeId of spec.nodeIds) await ctx.record(`node/${nodeId}`, { type: 'NodeRemoved', nodeId });
}

/** Switches the cluster's app version in the read model. */
export async function setVersion(ctx: TaskContext, spec: Of<'setVersion'>): Promise<void> {
  await ctx.record('version', { type: 'ClusterVersionChanged', versionId: spec.versionId });
}

/** One frontgate per runtime and network, named from both so every job finds the same one. */
export function frontgateIdFor(runtimeId: string, networkId: string): string {
  return `fg-${createHash('sha256').update(`${runtimeId}/${networkId}`).digest('hex').slice(0, 10)}`;
}

/**
 * Places the cluster in a network and makes sure the network's frontgate runs (started again if
 * it was stopped), waits until it answers, then records the placement.
 */
export async function ensureFrontgate(ctx: TaskContext): Promise<void> {
  const placement = await ctx.withProvider((s) => s.placeCluster({ networkId: ctx.job.payload.cluster?.networkId }));
  const runtimeId = ctx.job.payload.target.runtimeId;
  const frontgateId = frontgateIdFor(runtimeId, placement.networkId);
  const agent = await ctx.deps.agents.bootstrap({ kind: 'frontgate', identity: { frontgateId, networkId: placement.networkId, listenHost: placement.frontgateHost } });
  await ctx.withProvider(async (s) => {
    const { instance } = await s.runInstance({
      clientToken: frontgateClientToken(frontgateId),
      name: frontgateId,
      cpu: 1,
      memoryMiB: 256,
      networkId: placement.networkId,
      agent,
      tags: frontgateTags(runtimeId, frontgateId),
    });
    if (instance.status === 'stopped') await s.startInstance(instance.id);
  });
  const beat = interruptibleHeartbeat();
  await ctx.deps.pilot.waitForFrontgate(frontgateId, () => beat(), attemptTimeLeftMs());
  // A job cancelled meanwhile (the frontgate answered at once) has ended or is ending: not placed by it.
  throwIfJobCancelled();
  await ctx.record('placed', { type: 'ClusterPlaced', networkId: placement.networkId, frontgateId, frontgateHost: placement.frontgateHost });
}
