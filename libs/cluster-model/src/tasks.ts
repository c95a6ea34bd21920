import type { ReleaseWorkloadKind } from './release.js';
import type { NodeState } from './state.js';

/** A lifecycle command for one node: the hook, its command and how long it may run. */
export interface CommandSpec {
  readonly nodeId: string;
  /** `init`, `start`, ..., a custom action's name; `<hook>:preCheck` for a pre-check. */
  readonly service: string;
  readonly cmd: string;
  readonly timeoutSeconds: number;
  /** JSON given to the command as PITRIX_SERVICE_PARAMS. */
  readonly params?: Readonly<Record<string, unknown>>;
  /**
   * Keep the command's trimmed stdout as a node fact published in metadata: `token` for
   * `customMetadata.cmd`, `pubKey` for the key pair generated for `passphraseless` roles.
   */
  readonly capture?: 'token' | 'pubKey';
}

/**
 * Every kind of step a job takes, as data. The workflow interprets them one activity each:
 * provider calls, pilot commands, metadata writes and event writes.
 */
export type TaskSpec =
  /** Places the cluster in a network and makes sure its frontgate runs (idempotent per network). */
  | { readonly type: 'ensureFrontgate' }
  /** Refuses the job when the zone cannot hold what it is about to create. */
  | { readonly type: 'checkResources'; readonly instances: number; readonly cpu: number; readonly memoryMiB: number; readonly volumes: number; readonly volumeGiB: number }
  /** Records new nodes in the read model (ids, roles, sid/gid, sizes) before anything is created for them. */
  | { readonly type: 'registerNodes'; readonly nodes: readonly NodeState[] }
  | { readonly type: 'createVolume'; readonly nodeId: string; readonly sizeGiB: number }
  /**
   * `generation` names a replacement instance (the heal job's id): a node's first instance has
   * none, and each replacement is a new instance, idempotent within its own job.
   */
  | { readonly type: 'runInstance'; readonly nodeId: string; readonly generation?: string }
  | { readonly type: 'attachVolume'; readonly nodeId: string; readonly mountPoint: string }
  /** Waits until the drones of these nodes report in through their frontgate. */
  | { readonly type: 'waitForDrones'; readonly nodeIds: readonly string[] }
  /**
   * Waits until these nodes' health checks pass `healthyThreshold` times in a row after their
   * batch was upgraded (checks, paused during jobs, run again while it waits); fails after
   * `timeoutSeconds`, naming the nodes still unhealthy. Changes nothing on the nodes.
   */
  | { readonly type: 'waitHealthy'; readonly nodeIds: readonly string[]; readonly healthyThreshold: number; readonly timeoutSeconds: number }
  /** Writes the cluster's metadata (hosts, env, links, endpoints, templates, package files). */
  | { readonly type: 'writeMetadata' }
  /** Publishes or clears `/adding-hosts` or `/deleting-hosts`. */
  | { readonly type: 'setScalingHosts'; readonly kind: 'adding' | 'deleting'; readonly nodeIds: readonly string[] }
  | { readonly type: 'runCommand'; readonly command: CommandSpec }
  | { readonly type: 'startInstance'; readonly nodeId: string }
  | { readonly type: 'stopInstance'; readonly nodeId: string }
  | { readonly type: 'terminateInstance'; readonly nodeId: string }
  | { readonly type: 'resizeInstance'; readonly nodeId: string; readonly cpu: number; readonly memoryMiB: number }
  | { readonly type: 'detachVolume'; readonly nodeId: string }
  | { readonly type: 'resizeVolume'; readonly nodeId: string; readonly sizeGiB: number }
  | { readonly type: 'deleteVolume'; readonly nodeId: string }
  /** Removes nodes from the read model after their resources are gone. */
  | { readonly type: 'removeNodes'; readonly nodeIds: readonly string[] }
  /** Deletes the cluster's metadata from its frontgate. */
  | { readonly type: 'deleteMetadata' }
  /** Switches the cluster to a new app version in the read model (upgrade, rollback of an upgrade). */
  | { readonly type: 'setVersion'; readonly versionId: string }
  // Chart clusters (runtimes of kind kubernetes): the cluster is a Helm release.
  /** Renders the chart with the job's values, dry-runs it on the server, checks the namespace can hold it. */
  | { readonly type: 'preflightRelease' }
  /** Installs the release without waiting for it (one revision per task, however often it runs). */
  | { readonly type: 'installRelease' }
  /** Upgrades the release to the job's chart and values without waiting (one revision per task). */
  | { readonly type: 'upgradeRelease' }
  /** Rolls the release back to the revision before the one the task `undoToken` made; nothing when it made none. */
  | { readonly type: 'rollbackRelease'; readonly undoToken: string }
  /** Uninstalls the release (foreground cascade) and waits until nothing of it is left. */
  | { readonly type: 'uninstallRelease' }
  /** Waits until a workload is ready: every replica updated and ready (a Job: complete). */
  | { readonly type: 'waitWorkload'; readonly workload: WorkloadTarget }
  /** Sets a workload's replicas through its scale subresource (start, stop, scaling without a declared value). */
  | { readonly type: 'scaleWorkload'; readonly workload: WorkloadTarget; readonly replicas: number; readonly previousReplicas: number }
  /** Runs the chart's Helm tests. */
  | { readonly type: 'testRelease' }
  /** Records the release's pods as the cluster's nodes (the pod watch keeps them current afterwards). */
  | { readonly type: 'syncReleaseNodes' };

/** A workload of a chart cluster, named by kind and name in the release's namespace. */
export interface WorkloadTarget {
  readonly kind: ReleaseWorkloadKind;
  readonly name: string;
}

/** The type of a task. */
export type TaskType = TaskSpec['type'];

/** One step of a plan: a stable id (unique within the job), what to do, and what it waits for. */
export interface Task {
  readonly id: string;
  readonly spec: TaskSpec;
  readonly dependsOn: readonly string[];
  /** When true, a failure is recorded but does not fail the job (cleanup steps). */
  readonly failureAllowed?: boolean;
  /** A short human description, shown in progress views. */
  readonly title: string;
  /**
   * How long the task may take in all, retries included (see deadlines.ts); set when the job is
   * planned, from the worker's settings. Plans recorded before deadlines existed have none.
   */
  readonly deadlineSeconds?: number;
}

/** A validated plan: its tasks and the layers they run in (tasks of a layer run in parallel). */
export interface Plan {
  readonly tasks: readonly Task[];
  /** Task ids per layer, in execution order. */
  readonly layers: readonly (readonly string[])[];
}
