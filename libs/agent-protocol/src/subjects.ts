import { assertToken } from './identifiers.js';

/**
 * Every NATS subject of the agent plane is built here and nowhere else. Everything of one
 * frontgate's network lives under `pitrix.fg.<frontgateId>.`; what drones publish is under
 * `pitrix.fg.<frontgateId>.evt.`, so the platform listens to one wildcard per network and a
 * drone's permissions name only its own subjects.
 */
const ROOT = 'pitrix.fg';

/** Subjects of one frontgate's network, as seen by the platform and by the frontgate. */
export interface FrontgateSubjects {
  /** Everything of this network (the leaf connection's permissions). */
  readonly all: string;
  /** Everything agents publish for the platform: heartbeats, health, monitor, progress, frontgate status. */
  readonly events: string;
  /** Request: FrontgatePing → FrontgateStatus. */
  readonly ping: string;
  /** Published every interval: FrontgateStatus. */
  readonly status: string;
  /** Heartbeats of every drone of the network. */
  readonly heartbeats: string;
  /** Health reports of every drone of the network. */
  readonly healthReports: string;
  /** Monitor reports of every drone of the network. */
  readonly monitorReports: string;
}

/** The subjects of frontgate `frontgateId`. */
export function frontgateSubjects(frontgateId: string): FrontgateSubjects {
  const base = `${ROOT}.${assertToken('frontgateId', frontgateId)}`;
  return {
    all: `${base}.>`,
    events: `${base}.evt.>`,
    ping: `${base}.frontgate.ping`,
    status: `${base}.evt.frontgate.status`,
    heartbeats: `${base}.evt.node.*.heartbeat`,
    healthReports: `${base}.evt.node.*.health`,
    monitorReports: `${base}.evt.node.*.monitor`,
  };
}

/** Subjects of one drone. */
export interface DroneSubjects {
  /** Everything the platform sends to this drone (its subscribe permission). */
  readonly inbound: string;
  /** Request: RunCommandRequest → CommandReply. */
  readonly command: string;
  /** Request: DronePing → DroneInfo. */
  readonly ping: string;
  /** Prefix of this drone's own reply inboxes, so no other client can read its replies. */
  readonly inboxPrefix: string;
  /** Everything this drone publishes (its publish permission). */
  readonly outbound: string;
  /** Published every interval: Heartbeat. */
  readonly heartbeat: string;
  /** Published after each health check: HealthReport. */
  readonly health: string;
  /** Published after each run of the monitor command: MonitorReport. */
  readonly monitor: string;
  /** Published while command `commandId` runs: CommandProgress. */
  progress(commandId: string): string;
}

/** The subjects of the drone of node `nodeId` in frontgate `frontgateId`'s network. */
export function droneSubjects(frontgateId: string, nodeId: string): DroneSubjects {
  const network = `${ROOT}.${assertToken('frontgateId', frontgateId)}`;
  const node = assertToken('nodeId', nodeId);
  const inbound = `${network}.node.${node}`;
  const outbound = `${network}.evt.node.${node}`;
  return {
    inbound: `${inbound}.>`,
    command: `${inbound}.cmd`,
    ping: `${inbound}.ping`,
    inboxPrefix: `${inbound}.inbox`,
    outbound: `${outbound}.>`,
    heartbeat: `${outbound}.heartbeat`,
    health: `${outbound}.health`,
    monitor: `${outbound}.monitor`,
    progress: (commandId) => `${outbound}.progress.${assertToken('commandId', commandId)}`,
  };
}

/** Node id and kind of an event subject under `pitrix.fg.<fg>.evt.node.<node>.<kind>...`, if it is one. */
export function parseDroneEventSubject(subject: string): { frontgateId: string; nodeId: string; kind: string } | undefined {
  const parts = subject.split('.');
  if (parts.length < 6 || parts[0] !== 'pitrix' || parts[1] !== 'fg' || parts[3] !== 'evt' || parts[4] !== 'node') return undefined;
  return { frontgateId: parts[2] as string, nodeId: parts[5] as string, kind: parts[6] ?? '' };
}

/** The JetStream domain of a frontgate's leaf server: its id, so two networks never share one. */
export function jetStreamDomain(frontgateId: string): string {
  return assertToken('frontgateId', frontgateId);
}
