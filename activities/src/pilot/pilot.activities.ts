import {
  commandOutcomeError,
  type AgentPlane,
  type CommandOutcome,
  type CommandProgressView,
  type CommandSpec,
  type DroneInfoView,
  type FrontgateStatusView,
  type MetadataPatch,
  type MetadataWriteResult,
} from '@pitrix/agent-plane';
import { activityInfo, Context } from '@temporalio/activity';
import { heartbeatSender } from '../heartbeat-sender.js';
import { commandIdFor } from './command-id.js';

/** What the pilot activities need: the agent plane of the worker process. */
export interface PilotDeps {
  readonly agentPlane: AgentPlane;
}

/** A command as a workflow gives it: the id may be left out, then it is derived from the activity. */
export type PilotCommand = Omit<CommandSpec, 'id'> & {
  readonly id?: string;
  /** How long the drone may stay silent before the attempt fails as unreachable (default 60 s). */
  readonly unreachableAfterMs?: number;
};

/** Options of `waitForDrones`. */
export interface WaitForDronesInput {
  readonly timeoutMs?: number;
  readonly minMetadataRevision?: number;
}

const HEARTBEAT_EVERY_MS = 5_000;

/**
 * The pilot activities: commands, metadata and waits across each frontgate's leaf connection.
 * All are safe to retry: a command keeps its id across retries and runs once; metadata writes
 * are idempotent; waits and pings read only.
 */
export function createPilotActivities(deps: PilotDeps) {
  const { pilot, metadata } = deps.agentPlane;
  return {
    /**
     * Runs a command on a node and waits for it, heartbeating its progress. Fails with
     * `AGENT.DRONE_UNREACHABLE` (retried), `AGENT.COMMAND_TIMED_OUT`, `AGENT.COMMAND_INTERRUPTED` or
     * `AGENT.COMMAND_FAILED` with the exit code and the end of its output (not retried).
     */
    async runCommand(frontgateId: string, nodeId: string, command: PilotCommand): Promise<CommandOutcome> {
      const info = activityInfo();
      const run = info.workflowExecution ?? { workflowId: info.workflowType ?? 'activity', runId: '' };
      const id = command.id ?? commandIdFor({ workflowId: run.workflowId, runId: run.runId, activityId: info.activityId });
      let last: CommandProgressView | { commandId: string; state: 'starting' } = { commandId: id, state: 'starting' };
      const heartbeat = heartbeatSender();
      const beat = setInterval(() => heartbeat(last), HEARTBEAT_EVERY_MS);
      try {
        const context = Context.current();
        const outcome = await Promise.race([
          pilot.runCommand(frontgateId, nodeId, { ...command, id }, {
            unreachableAfterMs: command.unreachableAfterMs ?? 60_000,
            signal: context.cancellationSignal,
            onProgress: (progress) => {
              last = progress;
              heartbeat(progress);
            },
          }),
          context.cancelled,
        ]);
        const failure = commandOutcomeError(outcome, `node ${nodeId}`);
        if (failure) throw failure;
        return outcome;
      } finally {
        clearInterval(beat);
      }
    },

    /** Applies a patch to a cluster's metadata; returns the revision commands can wait for. */
    async writeMetadata(frontgateId: string, clusterId: string, patch: MetadataPatch): Promise<MetadataWriteResult> {
      return metadata.write(frontgateId, clusterId, patch);
    },

    /** Removes a cluster's metadata from its network. */
    async deleteMetadata(frontgateId: string, clusterId: string): Promise<MetadataWriteResult> {
      return metadata.deleteCluster(frontgateId, clusterId);
    },

    /** Waits until the nodes' drones answer (and have applied a metadata revision); `AGENT.DRONES_NOT_READY` after the timeout. */
    async waitForDrones(frontgateId: string, nodeIds: readonly string[], options: WaitForDronesInput = {}): Promise<DroneInfoView[]> {
      const heartbeat = heartbeatSender();
      return pilot.waitForDrones(frontgateId, nodeIds, { ...options, onWait: (missing) => heartbeat({ missing }) });
    },

    /** Asks a frontgate for its status; `AGENT.FRONTGATE_UNREACHABLE` when it does not answer. */
    async pingFrontgate(frontgateId: string): Promise<FrontgateStatusView> {
      return pilot.pingFrontgate(frontgateId);
    },

    /** Revokes a node's drone credential (its frontgate closes its connection); idempotent. */
    async revokeDrone(frontgateId: string, nodeId: string): Promise<void> {
      await deps.agentPlane.credentials.revokeDrone(frontgateId, nodeId);
    },

    /** Revokes every credential of a frontgate (the hub drops its leaf connection); idempotent. */
    async revokeFrontgate(frontgateId: string): Promise<void> {
      await deps.agentPlane.credentials.revokeFrontgate(frontgateId);
    },
  };
}
