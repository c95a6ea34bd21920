import { timestampFromMs, timestampNow } from '@bufbuild/protobuf/wkt';
import type { NatsConnection } from '@nats-io/transport-node';
import { DroneInfoSchema, droneSubjects, encodeMessage, HeartbeatSchema } from '@pitrix/agent-protocol';
import type { NodeIdentity } from './identity.js';

/** What heartbeats and ping answers report. */
export interface DroneState {
  readonly identity: NodeIdentity;
  readonly version: string;
  readonly startedAt: number;
  readonly intervalMs: number;
  metadataRevision(): number;
  runningCommands(): number;
  renderError(): string;
}

/** Publishes a heartbeat every interval and answers pings; returns a stop function. */
export function startHeartbeats(nats: NatsConnection, state: DroneState): () => void {
  const { identity } = state;
  const subjects = droneSubjects(identity.frontgateId, identity.nodeId);
  const beat = () =>
    nats.publish(
      subjects.heartbeat,
      encodeMessage(HeartbeatSchema, {
        frontgateId: identity.frontgateId,
        clusterId: identity.clusterId,
        nodeId: identity.nodeId,
        droneVersion: state.version,
        intervalMs: state.intervalMs,
        metadataRevision: BigInt(state.metadataRevision()),
        runningCommands: state.runningCommands(),
        renderError: state.renderError(),
        startedAt: timestampFromMs(state.startedAt),
        sentAt: timestampNow(),
      }),
    );
  const ping = nats.subscribe(subjects.ping, {
    callback: (err, msg) => {
      if (err) return;
      msg.respond(
        encodeMessage(DroneInfoSchema, {
          frontgateId: identity.frontgateId,
          clusterId: identity.clusterId,
          nodeId: identity.nodeId,
          droneVersion: state.version,
          metadataRevision: BigInt(state.metadataRevision()),
          startedAt: timestampFromMs(state.startedAt),
        }),
      );
    },
  });
  beat();
  const timer = setInterval(beat, state.intervalMs);
  return () => {
    clearInterval(timer);
    ping.unsubscribe();
  };
}
