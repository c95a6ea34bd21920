import {
  decodeMessage,
  DroneInfoSchema,
  DronePingSchema,
  droneSubjects,
  encodeMessage,
  FrontgatePingSchema,
  frontgateSubjects,
  FrontgateStatusSchema,
} from '@pitrix/agent-protocol';
import { PitrixError } from '@pitrix/errors';
import type { FrontgateConnections } from '../credentials/frontgate-connections.js';
import { pause, request } from './request.js';
import { runCommand, type RunCommandOptions } from './run-command.js';
import { droneInfoView, frontgateStatusView, type CommandOutcome, type CommandSpec, type DroneInfoView, type FrontgateStatusView } from './views.js';

/** Options of `waitForDrones`. */
export interface WaitForDronesOptions {
  /** Give up after this long with `AGENT.DRONES_NOT_READY` naming the missing nodes (default 60 s). */
  readonly timeoutMs?: number;
  /** A drone counts only once it has applied this metadata revision. */
  readonly minMetadataRevision?: number;
  /** Called between rounds with the nodes still missing (the activity heartbeats with it). */
  readonly onWait?: (missing: readonly string[]) => void;
}

/**
 * The platform's side of the agent plane: commands, pings and waits, each across the hub → leaf
 * connection of the frontgate of the node's network.
 */
export class PilotClient {
  constructor(private readonly connections: FrontgateConnections) {}

  /** Runs a command once on a node's drone and returns its outcome (see `runCommand`). */
  async runCommand(frontgateId: string, nodeId: string, command: CommandSpec, options?: RunCommandOptions): Promise<CommandOutcome> {
    return runCommand(await this.connections.get(frontgateId), frontgateId, nodeId, command, options);
  }

  /** Asks a drone who it is; `AGENT.DRONE_UNREACHABLE` when it does not answer within `timeoutMs`. */
  async pingDrone(frontgateId: string, nodeId: string, timeoutMs = 2_000): Promise<DroneInfoView> {
    const nats = await this.connections.get(frontgateId);
    const outcome = await request(nats, droneSubjects(frontgateId, nodeId).ping, encodeMessage(DronePingSchema, {}), timeoutMs);
    if ('silence' in outcome) throw new PitrixError('AGENT.DRONE_UNREACHABLE', `the drone of node ${nodeId} in frontgate ${frontgateId} did not answer (${outcome.silence})`);
    return droneInfoView(decodeMessage(DroneInfoSchema, outcome.data));
  }

  /** Waits until every node's drone answers (with the metadata revision, if given); returns what they said. */
  async waitForDrones(frontgateId: string, nodeIds: readonly string[], options: WaitForDronesOptions = {}): Promise<DroneInfoView[]> {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    const ready = new Map<string, DroneInfoView>();
    for (;;) {
      const missing = nodeIds.filter((id) => !ready.has(id));
      const answers = await Promise.all(missing.map((id) => this.pingDrone(frontgateId, id, 1_000).catch(() => undefined)));
      for (const info of answers) if (info && info.metadataRevision >= (options.minMetadataRevision ?? 0)) ready.set(info.nodeId, info);
      const still = nodeIds.filter((id) => !ready.has(id));
      if (still.length === 0) return nodeIds.map((id) => ready.get(id) as DroneInfoView);
      if (Date.now() > deadline) throw new PitrixError('AGENT.DRONES_NOT_READY', `drones not ready in frontgate ${frontgateId}: ${still.join(', ')}`);
      options.onWait?.(still);
      await pause(500);
    }
  }

  /** Asks a frontgate for its status; `AGENT.FRONTGATE_UNREACHABLE` when its leaf server does not answer. */
  async pingFrontgate(frontgateId: string, timeoutMs = 3_000): Promise<FrontgateStatusView> {
    const nats = await this.connections.get(frontgateId);
    const outcome = await request(nats, frontgateSubjects(frontgateId).ping, encodeMessage(FrontgatePingSchema, {}), timeoutMs);
    if ('silence' in outcome) throw new PitrixError('AGENT.FRONTGATE_UNREACHABLE', `frontgate ${frontgateId} did not answer (${outcome.silence})`);
    return frontgateStatusView(decodeMessage(FrontgateStatusSchema, outcome.data));
  }
}
