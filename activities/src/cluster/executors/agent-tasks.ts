import type { TaskSpec } from '@pitrix/cluster-model';
import { PitrixError } from '@pitrix/errors';
import { createHash } from 'node:crypto';
import { heartbeatSender, interruptibleHeartbeat } from '../../heartbeat-sender.js';
import { attemptTimeLeftMs } from '../attempt-budget.js';
import { healthPauseReason } from '../job.activities.js';
import { clusterMetadata, hostOf } from '../metadata-builder.js';
import type { TaskContext } from '../task-context.js';

type Of<T extends TaskSpec['type']> = Extract<TaskSpec, { type: T }>;

/** Waits until the drones of the given nodes answer through the cluster's frontgate. */
export async function waitForDrones(ctx: TaskContext, spec: Of<'waitForDrones'>): Promise<void> {
  const { frontgateId } = await ctx.frontgate();
  const beat = interruptibleHeartbeat();
  await ctx.deps.pilot.waitForDrones(frontgateId, spec.nodeIds, () => beat(), attemptTimeLeftMs());
}

/** Writes the cluster's whole metadata and records the revision commands must wait for. */
export async function writeMetadata(ctx: TaskContext): Promise<void> {
  const { frontgateId } = await ctx.frontgate();
  const state = await ctx.state();
  const patch = clusterMetadata({ clusterId: state.clusterId, appId: state.appId, versionId: state.versionId, runtimeId: state.runtimeId }, ctx.job.payload, state.nodes);
  const revision = await ctx.deps.pilot.writeMetadata(frontgateId, state.clusterId, { ...patch, healthChecks: { paused: true, reason: healthPauseReason(ctx.jobId) } });
  await ctx.record('metadata', { type: 'ClusterMetadataWritten', revision });
}

/** Publishes (or, with no nodes, clears) `/adding-hosts` or `/deleting-hosts`. */
export async function setScalingHosts(ctx: TaskContext, spec: Of<'setScalingHosts'>): Promise<void> {
  const { frontgateId } = await ctx.frontgate();
  const state = await ctx.state();
  const hosts = state.nodes.filter((node) => spec.nodeIds.includes(node.nodeId)).map(hostOf);
  const patch = spec.kind === 'adding' ? { addingHosts: hosts } : { deletingHosts: hosts };
  const revision = await ctx.deps.pilot.writeMetadata(frontgateId, state.clusterId, patch);
  await ctx.record('metadata', { type: 'ClusterMetadataWritten', revision });
}

/** Removes the cluster's metadata from its frontgate. */
export async function deleteMetadata(ctx: TaskContext): Promise<void> {
  const state = await ctx.state();
  if (!state.placement) return;
  await ctx.deps.pilot.deleteMetadata(state.placement.frontgateId, state.clusterId);
}

/**
 * Runs a hook command on its node, exactly once per command id (job, workflow run, task: a
 * retried activity reuses it, a retried job does not). Output to capture becomes a node fact.
 */
export async function runCommand(ctx: TaskContext, spec: Of<'runCommand'>): Promise<void> {
  const { frontgateId } = await ctx.frontgate();
  const cluster = await ctx.deps.reads.cluster(ctx.job.clusterId);
  const command = spec.command;
  const beat = heartbeatSender();
  const result = await ctx.deps.pilot.runCommand(
    frontgateId,
    command.nodeId,
    {
      id: commandId(ctx),
      cmd: command.cmd,
      timeoutSeconds: command.timeoutSeconds,
      service: command.service,
      params: command.params ?? {},
      metadataRevision: Number(cluster.metadataRevision),
    },
    () => beat(),
  );
  if (command.capture) {
    const value = result.stdoutTail.trim();
    if (!value) throw new PitrixError('AGENT.COMMAND_FAILED', `${command.service} on ${command.nodeId} printed no ${command.capture}`);
    await ctx.record(`capture-${command.capture}`, { type: 'NodeChanged', nodeId: command.nodeId, changes: command.capture === 'token' ? { token: value } : { pubKey: value } });
  }
}

/** The drone's command id: stable for a task within a workflow run, new after a reset (retryJob). */
function commandId(ctx: TaskContext): string {
  return `${ctx.jobId}_${createHash('sha256').update(`${ctx.runId}/${ctx.taskId}`).digest('hex').slice(0, 40)}`;
}
