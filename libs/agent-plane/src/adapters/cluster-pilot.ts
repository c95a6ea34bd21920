import { PitrixError } from '@pitrix/errors';
import type { AgentPlane } from '../agent-plane.js';
import type { MetadataPatch } from '../metadata/metadata-patch.js';
import { commandOutcomeError } from '../pilot/outcome-errors.js';
import { pause } from '../pilot/request.js';
import { SIMULATED_DRONE_VERSION } from '../fleet/simulated-drone.js';

/** A lifecycle command as cluster tasks give it. */
export interface ClusterCommand {
  readonly id: string;
  readonly cmd: string;
  readonly timeoutSeconds: number;
  readonly service: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly metadataRevision: number;
}

/** A metadata patch as cluster tasks build it (plain records; see `MetadataPatch` for the meaning). */
export type ClusterMetadataPatchInput = {
  readonly [K in keyof MetadataPatch]?: unknown;
};

/** Options of the cluster-facing pilot. */
export interface ClusterPilotOptions {
  /** How long a drone may stay silent during a command (default 60 s). */
  readonly unreachableAfterMs?: number;
  /** How long to wait for a frontgate or drones to answer (default 120 s). */
  readonly waitTimeoutMs?: number;
}

/**
 * The agent plane in the shape cluster tasks use: waits that report while they wait, commands that
 * throw `AGENT.*` errors unless they exit 0, metadata writes that return the revision reached.
 * Every call is idempotent.
 */
export function clusterPilot(plane: AgentPlane, options: ClusterPilotOptions = {}) {
  const waitMs = options.waitTimeoutMs ?? 120_000;
  return {
    /** Waits (the pilot's wait, or `atMostMs` when shorter) until the frontgate answers with its leaf link up. */
    async waitForFrontgate(frontgateId: string, onWait: () => void, atMostMs?: number): Promise<void> {
      const timeoutMs = Math.min(waitMs, atMostMs ?? waitMs);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const status = await plane.pilot.pingFrontgate(frontgateId, 1_000).catch(() => undefined);
        if (status?.leafConnected) return;
        if (Date.now() > deadline) throw new PitrixError('AGENT.FRONTGATE_UNREACHABLE', `frontgate ${frontgateId} did not answer within ${Math.round(timeoutMs / 1000)} s`);
        onWait();
        await pause(500);
      }
    },
    /** Waits (the pilot's wait, or `atMostMs` when shorter) until every listed drone answers. */
    async waitForDrones(frontgateId: string, nodeIds: readonly string[], onWait: () => void, atMostMs?: number): Promise<void> {
      await plane.pilot.waitForDrones(frontgateId, nodeIds, { timeoutMs: Math.min(waitMs, atMostMs ?? waitMs), onWait });
    },
    /** Of these nodes, those whose drone answers as the simulator (`droneVersion` "simulated"). */
    async simulatedDrones(frontgateId: string, nodeIds: readonly string[]): Promise<string[]> {
      const answers = await Promise.all(nodeIds.map((nodeId) => plane.pilot.pingDrone(frontgateId, nodeId).then((info) => info.droneVersion, () => '')));
      return nodeIds.filter((_, index) => answers[index] === SIMULATED_DRONE_VERSION);
    },
    /** Runs a command once per id, after its metadata revision; throws unless it exits 0. */
    async runCommand(frontgateId: string, nodeId: string, command: ClusterCommand, onProgress: () => void): Promise<{ stdoutTail: string; stderrTail: string }> {
      const outcome = await plane.pilot.runCommand(
        frontgateId,
        nodeId,
        { id: command.id, cmd: command.cmd, timeoutSeconds: command.timeoutSeconds, service: command.service, serviceParams: command.params, metadataRevision: command.metadataRevision },
        { unreachableAfterMs: options.unreachableAfterMs ?? 60_000, onProgress },
      );
      const failure = commandOutcomeError(outcome, `node ${nodeId}`);
      if (failure) throw failure;
      return { stdoutTail: outcome.stdoutTail, stderrTail: outcome.stderrTail };
    },
    /** Applies a metadata patch; returns the revision commands can wait for. */
    async writeMetadata(frontgateId: string, clusterId: string, patch: ClusterMetadataPatchInput): Promise<number> {
      return (await plane.metadata.write(frontgateId, clusterId, patch as MetadataPatch)).revision;
    },
    /** Deletes every metadata key of the cluster. */
    async deleteMetadata(frontgateId: string, clusterId: string): Promise<void> {
      await plane.metadata.deleteCluster(frontgateId, clusterId);
    },
  };
}
