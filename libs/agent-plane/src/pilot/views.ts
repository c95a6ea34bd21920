import { timestampMs, type Timestamp } from '@bufbuild/protobuf/wkt';
import type { CommandProgress, CommandResult, DroneInfo, FrontgateStatus } from '@pitrix/agent-protocol';

/** A command to run on a node (what `runCommand` takes); plain data, safe in a workflow history. */
export interface CommandSpec {
  /** Stable across retries of the same step: the drone runs each id at most once. */
  readonly id: string;
  readonly cmd: string;
  readonly env?: Readonly<Record<string, string>>;
  /** "" or absent: the drone's own user. */
  readonly user?: string;
  /** Default 600, at most 86400. */
  readonly timeoutSeconds?: number;
  readonly workingDir?: string;
  readonly service?: string;
  readonly serviceParams?: Readonly<Record<string, unknown>>;
  /** Wait until the drone has applied this metadata revision (files and templates) before running. */
  readonly metadataRevision?: number;
}

/** How a command ended, as plain data (times in ISO 8601). */
export interface CommandOutcome {
  readonly commandId: string;
  readonly exitCode: number;
  readonly signal: string;
  readonly timedOut: boolean;
  readonly interrupted: boolean;
  readonly stdoutTail: string;
  readonly stderrTail: string;
  readonly stdoutSize: number;
  readonly stderrSize: number;
  readonly startedAt: string;
  readonly finishedAt: string;
}

/** Progress of a running command, as plain data. */
export interface CommandProgressView {
  readonly commandId: string;
  readonly state: 'waiting' | 'running';
  readonly stdoutSize: number;
  readonly stderrSize: number;
  readonly stdoutTail: string;
}

/** What a drone says about itself. */
export interface DroneInfoView {
  readonly nodeId: string;
  readonly clusterId: string;
  readonly droneVersion: string;
  readonly metadataRevision: number;
  readonly startedAt: string;
}

/** What a frontgate says about itself. */
export interface FrontgateStatusView {
  readonly frontgateId: string;
  readonly frontgateVersion: string;
  readonly natsServerVersion: string;
  readonly leafConnected: boolean;
  readonly connectedDrones: number;
  /** Nodes whose drones are connected. */
  readonly connectedNodeIds: readonly string[];
  readonly registeredDrones: number;
  readonly serverRestarts: number;
  readonly startedAt: string;
}

/** An ISO time from a protobuf timestamp ("" when unset). */
export function isoTime(timestamp: Timestamp | undefined): string {
  return timestamp ? new Date(timestampMs(timestamp)).toISOString() : '';
}

/** The plain form of a command result. */
export function commandOutcome(result: CommandResult): CommandOutcome {
  return {
    commandId: result.commandId,
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: result.timedOut,
    interrupted: result.interrupted,
    stdoutTail: result.stdoutTail,
    stderrTail: result.stderrTail,
    stdoutSize: Number(result.stdoutSize),
    stderrSize: Number(result.stderrSize),
    startedAt: isoTime(result.startedAt),
    finishedAt: isoTime(result.finishedAt),
  };
}

/** The plain form of a progress report. */
export function progressView(progress: CommandProgress, waiting: boolean): CommandProgressView {
  return {
    commandId: progress.commandId,
    state: waiting ? 'waiting' : 'running',
    stdoutSize: Number(progress.stdoutSize),
    stderrSize: Number(progress.stderrSize),
    stdoutTail: progress.stdoutTail,
  };
}

/** The plain form of a drone's answer to a ping. */
export function droneInfoView(info: DroneInfo): DroneInfoView {
  return { nodeId: info.nodeId, clusterId: info.clusterId, droneVersion: info.droneVersion, metadataRevision: Number(info.metadataRevision), startedAt: isoTime(info.startedAt) };
}

/** The plain form of a frontgate's status. */
export function frontgateStatusView(status: FrontgateStatus): FrontgateStatusView {
  return {
    frontgateId: status.frontgateId,
    frontgateVersion: status.frontgateVersion,
    natsServerVersion: status.natsServerVersion,
    leafConnected: status.leafConnected,
    connectedDrones: status.connectedDrones,
    connectedNodeIds: status.connectedNodeIds,
    registeredDrones: status.registeredDrones,
    serverRestarts: status.serverRestarts,
    startedAt: isoTime(status.startedAt),
  };
}
