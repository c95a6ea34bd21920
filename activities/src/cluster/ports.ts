import type { ClusterState, Operation, Plan, Task } from '@pitrix/cluster-model';

export type { ClusterJobPayload } from '@pitrix/cluster-model';

/** The planner (pure code), injected so activities stay independent of how plans are built. */
export interface ClusterPlanner {
  planJob(input: { jobId: string; operation: Operation; blueprint: unknown; state: ClusterState; completedTasks?: Task[] }): Plan;
}

/** A lifecycle command for the pilot: a stable id (exactly-once on the drone) and what to run. */
export interface PilotCommand {
  readonly id: string;
  readonly cmd: string;
  readonly timeoutSeconds: number;
  readonly service: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly metadataRevision: number;
}

/** What a command returned (exit code 0); anything else is thrown as an AGENT.* error. */
export interface PilotCommandResult {
  readonly stdoutTail: string;
  readonly stderrTail: string;
}

/**
 * What the cluster tasks need from the agent plane. The worker adapts the agent plane's pilot
 * client and metadata writer to it; every call is idempotent.
 */
export interface ClusterPilot {
  /** Waits (the pilot's wait, or `atMostMs` when shorter) until the frontgate answers (its leaf link to the hub is up). */
  waitForFrontgate(frontgateId: string, onWait: () => void, atMostMs?: number): Promise<void>;
  /** Waits (the pilot's wait, or `atMostMs` when shorter) until every listed drone answers through its frontgate. */
  waitForDrones(frontgateId: string, nodeIds: readonly string[], onWait: () => void, atMostMs?: number): Promise<void>;
  /** Of these nodes, those whose drone is the drone simulator (it runs no commands and no health checks). */
  simulatedDrones(frontgateId: string, nodeIds: readonly string[]): Promise<string[]>;
  /**
   * Runs a command on a node exactly once per command id, after the drone applied metadata
   * revision `metadataRevision`; a non-zero exit, a timeout or an unreachable drone throws.
   */
  runCommand(frontgateId: string, nodeId: string, command: PilotCommand, onProgress: () => void): Promise<PilotCommandResult>;
  /** Applies a metadata patch to the cluster's metadata; returns the metadata revision reached. */
  writeMetadata(frontgateId: string, clusterId: string, patch: ClusterMetadataPatch): Promise<number>;
  /** Deletes every metadata key of the cluster. */
  deleteMetadata(frontgateId: string, clusterId: string): Promise<void>;
}

/** One host as the metadata shows it (docs/contracts.md §2). */
export interface HostMetadata {
  readonly node_id: string;
  readonly instance_id: string;
  readonly ip: string;
  readonly sid: number;
  readonly gid: number;
  readonly role: string;
  readonly cpu: number;
  readonly memory: number;
  readonly gpu: number;
  readonly volume_size: number;
  readonly token?: string;
  readonly pub_key?: string;
}

/** A config template as the drone renders it (docs/contracts.md §3). */
export interface TemplateMetadata {
  readonly name: string;
  readonly destination: string;
  readonly content: string;
  readonly reloadCmd?: string;
  readonly mode?: string;
}

/**
 * A change to a cluster's metadata: each section given replaces that section, except `hosts`
 * (upserted by node id) and `removeHosts`; sections left out stay as they are.
 */
export interface ClusterMetadataPatch {
  readonly cluster?: Readonly<Record<string, unknown>>;
  readonly env?: Readonly<Record<string, string>>;
  readonly roles?: Readonly<Record<string, { readonly env?: Readonly<Record<string, string>>; readonly templates?: readonly TemplateMetadata[]; readonly healthCheck?: Readonly<Record<string, unknown>> | null; readonly monitor?: Readonly<Record<string, unknown>> | null }>>;
  readonly hosts?: readonly HostMetadata[];
  readonly removeHosts?: readonly string[];
  readonly addingHosts?: readonly HostMetadata[];
  readonly deletingHosts?: readonly HostMetadata[];
  readonly files?: ReadonlyArray<{ readonly path: string; readonly contentBase64: string; readonly mode: number }>;
  /** Alias → id of a linked cluster in the same network; replaces every link the cluster had. */
  readonly links?: Readonly<Record<string, string>>;
  /** Pauses (during a job, while not active) or resumes the cluster's health checks. */
  readonly healthChecks?: { readonly paused: boolean; readonly reason: string };
}
