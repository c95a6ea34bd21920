import type { TaskSpec } from '@pitrix/cluster-model';
import { PitrixError } from '@pitrix/errors';
import { quotaExceeded } from '@pitrix/provider-contract';
import { nodeTags } from '../../runtime/instance-tags.js';
import type { TaskContext } from '../task-context.js';

type Of<T extends TaskSpec['type']> = Extract<TaskSpec, { type: T }>;

/**
 * Client tokens are derived from what a call creates, so every retry names the same resource; a
 * replacement instance (a heal) adds its generation, so it is a new instance, yet one per heal job.
 */
const tokens = {
  instance: (clusterId: string, nodeId: string, generation?: string) => `${clusterId}/${nodeId}/instance${generation ? `/${generation}` : ''}`,
  volume: (clusterId: string, nodeId: string) => `${clusterId}/${nodeId}/volume`,
};

/** Refuses the job, before anything is created, when the zone cannot hold it. */
export async function checkResources(ctx: TaskContext, spec: Of<'checkResources'>): Promise<void> {
  const { type: _type, ...demand } = spec;
  const check = await ctx.withProvider((s) => s.checkResources(demand));
  if (!check.fits) throw quotaExceeded(demand, check.shortfalls);
}

/** Creates a node's volume (idempotent by node) and records it on the node. */
export async function createVolume(ctx: TaskContext, spec: Of<'createVolume'>): Promise<void> {
  const { volume } = await ctx.withProvider((s) => s.createVolume({ clientToken: tokens.volume(ctx.job.clusterId, spec.nodeId), sizeGiB: spec.sizeGiB }));
  await ctx.record('volume', { type: 'NodeChanged', nodeId: spec.nodeId, changes: { volumeId: volume.id } });
}

/** Runs a node's instance with its drone (idempotent by node) and records its address. */
export async function runInstance(ctx: TaskContext, spec: Of<'runInstance'>): Promise<void> {
  const node = await ctx.node(spec.nodeId);
  const placement = await ctx.frontgate();
  const agent = await ctx.deps.agents.bootstrap({
    kind: 'drone',
    identity: {
      clusterId: ctx.job.clusterId,
      nodeId: node.nodeId,
      role: node.role,
      serverId: String(node.serverId),
      groupId: String(node.groupId),
      frontgateId: placement.frontgateId,
      frontgateHost: placement.frontgateHost,
    },
  });
  const { instance } = await ctx.withProvider((s) =>
    s.runInstance({
      clientToken: tokens.instance(ctx.job.clusterId, node.nodeId, spec.generation),
      name: `${ctx.job.clusterId}-${node.role || 'node'}-${node.serverId}`,
      cpu: node.cpu,
      memoryMiB: node.memoryMiB,
      gpu: node.gpu,
      containerImage: containerImageOf(ctx.job.payload.blueprint, node.baseRole),
      networkId: placement.networkId,
      agent,
      tags: nodeTags(ctx.job.payload.target.runtimeId, ctx.job.clusterId, node.nodeId),
    }),
  );
  await ctx.record('instance', { type: 'NodeChanged', nodeId: node.nodeId, changes: { instanceId: instance.id, privateIp: instance.privateIp, status: 'active' } });
}

/** The `container.image` of the blueprint role named `baseRole` (`''` names a role-less app's only role). */
function containerImageOf(blueprint: unknown, baseRole: string): string | undefined {
  const roles = (blueprint as { readonly nodes?: ReadonlyArray<{ readonly role?: string; readonly container?: { readonly image?: string } }> }).nodes ?? [];
  return roles.find((role) => (role.role ?? '') === baseRole)?.container?.image;
}

/** Attaches a node's volume at its mount point. */
export async function attachVolume(ctx: TaskContext, spec: Of<'attachVolume'>): Promise<void> {
  const node = await ctx.node(spec.nodeId);
  if (!node.volumeId || !node.instanceId) throw new PitrixError('CLUSTER.NOT_FOUND', `Node ${node.nodeId} has no volume or instance to attach`);
  const volumeId = node.volumeId;
  const instanceId = node.instanceId;
  await ctx.withProvider((s) => s.attachVolume({ volumeId, instanceId, mountPoint: spec.mountPoint }));
}

/** Starts, stops, terminates or resizes a node's instance, recording the node's new state. */
export async function instanceLifecycle(ctx: TaskContext, spec: Of<'startInstance' | 'stopInstance' | 'terminateInstance' | 'resizeInstance'>): Promise<void> {
  const node = await ctx.node(spec.nodeId);
  const instanceId = node.instanceId;
  if (!instanceId) {
    // What never got an instance (a create cancelled or failed before it) is already stopped and gone.
    if (spec.type === 'terminateInstance' || spec.type === 'stopInstance') return;
    throw new PitrixError('CLUSTER.NOT_FOUND', `Node ${node.nodeId} has no instance`);
  }
  if (spec.type === 'startInstance') {
    const { instance } = await ctx.withProvider((s) => s.startInstance(instanceId));
    await ctx.record('started', { type: 'NodeChanged', nodeId: node.nodeId, changes: { status: 'active', privateIp: instance.privateIp } });
  } else if (spec.type === 'stopInstance') {
    await ctx.withProvider((s) => s.stopInstance(instanceId));
    await ctx.record('stopped', { type: 'NodeChanged', nodeId: node.nodeId, changes: { status: 'stopped' } });
  } else if (spec.type === 'terminateInstance') {
    await ctx.withProvider((s) => s.terminateInstance(instanceId));
    await ctx.record('terminated', { type: 'NodeChanged', nodeId: node.nodeId, changes: { status: 'deleted', instanceId: null } });
  } else {
    await ctx.withProvider((s) => s.resizeInstance({ instanceId, cpu: spec.cpu, memoryMiB: spec.memoryMiB }));
    await ctx.record('resized', { type: 'NodeChanged', nodeId: node.nodeId, changes: { cpu: spec.cpu, memoryMiB: spec.memoryMiB } });
  }
}

/** Detaches, grows or deletes a node's volume. */
export async function volumeLifecycle(ctx: TaskContext, spec: Of<'detachVolume' | 'resizeVolume' | 'deleteVolume'>): Promise<void> {
  const node = await ctx.node(spec.nodeId);
  const volumeId = node.volumeId;
  if (!volumeId) return;
  if (spec.type === 'detachVolume') {
    await ctx.withProvider((s) => s.detachVolume(volumeId));
  } else if (spec.type === 'resizeVolume') {
    await ctx.withProvider((s) => s.resizeVolume(volumeId, spec.sizeGiB));
    await ctx.record('volume-resized', { type: 'NodeChanged', nodeId: node.nodeId, changes: { volumeSizeGiB: spec.sizeGiB } });
  } else {
    await ctx.withProvider(async (s) => {
      await s.detachVolume(volumeId).catch(() => undefined);
      await s.deleteVolume(volumeId);
    });
    await ctx.record('volume-deleted', { type: 'NodeChanged', nodeId: node.nodeId, changes: { volumeId: null } });
  }
}
