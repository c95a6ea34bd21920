/**
 * The contract of providers whose runtimes are Kubernetes clusters. Nothing is provisioned and no
 * agent runs there: a cluster is a Helm release in a namespace, its nodes are the release's pods.
 * Like every provider call, each method is idempotent: a call that changes the release carries a
 * client token (the task id) that Helm records as the revision's description, so a repeated call
 * finds the revision its first attempt made instead of making another.
 */

import type { ClientToken, ProviderBase, ProviderContext } from './contract.js';

/** The chart of a release, as files (paths relative to the chart's top folder). */
export interface ChartFiles {
  readonly files: ReadonlyArray<{ readonly path: string; readonly contentBase64: string; readonly mode: number }>;
}

/** A release to install or upgrade: its name, chart, values and the task making the call. */
export interface ReleaseRequest {
  readonly release: string;
  readonly chart: ChartFiles;
  readonly values: Readonly<Record<string, unknown>>;
  readonly clientToken: ClientToken;
}

/** The kinds of workload whose readiness a job waits for, one task each. */
export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job';

/** A workload of a release, by kind and name (in the session's namespace). */
export interface WorkloadRef {
  readonly kind: WorkloadKind;
  readonly name: string;
}

/** A workload's observed state: ready when every desired replica is updated and ready (a Job: complete). */
export interface WorkloadStatus extends WorkloadRef {
  readonly desiredReplicas: number;
  readonly readyReplicas: number;
  readonly ready: boolean;
  /** Why it is not ready, from the workload's and its pods' conditions; `''` when ready. */
  readonly reason: string;
}

/** One revision of a release, as Helm records it. */
export interface ReleaseRevision {
  readonly revision: number;
  /** deployed, superseded, failed, pending-install, pending-upgrade, pending-rollback, uninstalling, ... */
  readonly status: string;
  readonly chartVersion: string;
  /** The client token of the call that made it (Helm's revision description). */
  readonly description: string;
  readonly updatedAt: string;
}

/** What a preflight found: the workloads the chart renders to and whether it has Helm tests. */
export interface PreflightResult {
  readonly workloads: readonly WorkloadRef[];
  readonly hasTests: boolean;
}

/** A pod of a release: a node of the cluster, grouped by the workload that owns it. */
export interface ReleasePod {
  readonly uid: string;
  readonly name: string;
  /** The workload it belongs to (matched by the workload's selector). */
  readonly workload: WorkloadRef;
  /** Pending, Running, Succeeded, Failed, Unknown. */
  readonly phase: string;
  readonly ip: string;
  readonly ready: boolean;
  /** Why it is not ready (the Ready condition's reason and message); `''` when ready. */
  readonly reason: string;
  /** When the Ready condition last changed (its lastTransitionTime), `''` when it has none: each change of readiness is one event. */
  readonly readyChangedAt: string;
  readonly deleting: boolean;
}

/** An endpoint of a release: a Service port. */
export interface ReleaseEndpoint {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly protocol: string;
}

/** Everything a job does to a release, in one runtime's namespace. */
export interface ReleaseSession {
  /** The namespace the session works in (the runtime's zone). */
  readonly namespace: string;
  /**
   * Renders the chart (`helm template`), dry-runs the manifests on the server and checks the
   * namespace may hold them; a chart that does not render or values the schema refuses are
   * `PACKAGE.CHART_INVALID` / `PACKAGE.VALUES_INVALID` with Helm's message.
   */
  preflight(request: ReleaseRequest): Promise<PreflightResult>;
  /** Installs the release without waiting; the revision this token made when it already did. */
  install(request: ReleaseRequest): Promise<ReleaseRevision>;
  /** Upgrades the release to this chart and values without waiting; idempotent per token. */
  upgrade(request: ReleaseRequest): Promise<ReleaseRevision>;
  /** Rolls the release back to `revision`; idempotent per token. */
  rollback(release: string, revision: number, clientToken: ClientToken): Promise<ReleaseRevision>;
  /** Uninstalls the release with foreground cascade; `alreadyGone` when there was none. */
  uninstall(release: string): Promise<{ readonly alreadyGone: boolean }>;
  /** The release's revisions, oldest first; empty when it does not exist. */
  history(release: string): Promise<readonly ReleaseRevision[]>;
  /** Runs the release's Helm tests; a failing test throws with its output. */
  test(release: string, timeoutSeconds: number): Promise<void>;
  /** A workload's readiness now. */
  workloadStatus(workload: WorkloadRef): Promise<WorkloadStatus>;
  /** Sets a workload's replica count through its scale subresource. */
  scaleWorkload(workload: WorkloadRef, replicas: number): Promise<void>;
  /** The release's workloads as deployed (from its manifest). */
  workloads(release: string): Promise<readonly WorkloadRef[]>;
  /** The release's pods and Service endpoints now. */
  pods(release: string): Promise<readonly ReleasePod[]>;
  endpoints(release: string): Promise<readonly ReleaseEndpoint[]>;
  /** Objects the release still has in the namespace (after an uninstall: none). */
  remainingObjects(release: string): Promise<readonly string[]>;
  /**
   * Watches the release's pods: `onChange` gets the full list after every change (and once at
   * the start). Returns a function that stops the watch.
   */
  watchPods(release: string, onChange: (pods: readonly ReleasePod[]) => void, onError: (err: Error) => void): Promise<() => void>;
  close(): Promise<void>;
}

/**
 * A provider whose runtimes are Kubernetes clusters; zones are namespaces. Its
 * `validateCredential` checks that the server answers its version endpoint and, with
 * SelfSubjectAccessReviews, that the credential may create what a release needs in the target
 * namespace; besides the runtime's options, `options` may carry `namespace`, the namespace whose
 * rights are checked (else the provider's default).
 */
export interface KubernetesRuntimeProvider extends ProviderBase {
  readonly kind: 'kubernetes';
  connect(context: ProviderContext): Promise<ReleaseSession>;
}
