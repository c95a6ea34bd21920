/**
 * Clusters of Helm charts: the blueprint a chart cluster's jobs work from. A chart's templates are
 * Go templates only Helm can render, so the API renders the chart (`helm template`) when it
 * accepts an operation and writes what the planner needs here: the workloads to wait for, the
 * replica counts it asks for, and which values move replicas and resources.
 */

/** The kinds of workload a job waits for, one readiness task each. */
export type ReleaseWorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job';

/** A workload the chart renders to, with the replicas this blueprint asks for (DaemonSets and Jobs: null). */
export interface ReleaseWorkload {
  readonly kind: ReleaseWorkloadKind;
  readonly name: string;
  /** The role its pods form: its name without the release's prefix (`cl-abc-web` is `web`). */
  readonly role: string;
  readonly replicas: number | null;
  /**
   * The replicas the chart itself renders. Helm applies a release's manifests over any scale made
   * through the scale subresource, so after an install or upgrade such a workload is scaled back
   * to `replicas`.
   */
  readonly renderedReplicas: number | null;
  /**
   * The values path that sets its replicas, when the chart declares one (Chart.yaml annotation
   * `pitrix.dev/replicas`); otherwise scaling goes through the workload's scale subresource.
   */
  readonly replicasValue: string | null;
  /** The values path of its container resources (annotation `pitrix.dev/resources`), or null. */
  readonly resourcesValue: string | null;
}

/** The blueprint of a chart cluster. */
export interface ReleaseBlueprint {
  readonly kind: 'helm';
  readonly chart: { readonly name: string; readonly version: string; readonly appVersion: string | null };
  /** The Helm release name (from the cluster id: unique, a DNS label). */
  readonly release: string;
  /** The namespace (the runtime's zone) it was rendered for. */
  readonly namespace: string;
  readonly workloads: readonly ReleaseWorkload[];
  /** True when the chart has Helm tests (`helm.sh/hook: test`). */
  readonly hasTests: boolean;
}

/** True when a job's blueprint is a chart cluster's. */
export function isReleaseBlueprint(blueprint: unknown): blueprint is ReleaseBlueprint {
  return typeof blueprint === 'object' && blueprint !== null && (blueprint as { kind?: unknown }).kind === 'helm';
}

/** The Helm release name of a cluster: its id, lower-cased, as a DNS label (Helm allows 53 characters). */
export function releaseNameOf(clusterId: string): string {
  return clusterId.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '').slice(0, 53);
}

/**
 * The role a workload's pods form in the cluster: the workload's name without the `<release>-`
 * prefix charts put on names so that releases can share a namespace.
 */
export function workloadRole(release: string, workloadName: string): string {
  return workloadName.startsWith(`${release}-`) && workloadName.length > release.length + 1 ? workloadName.slice(release.length + 1) : workloadName;
}

/** The client token a release task passes to Helm: its job and task, unique and stable across retries. */
export function releaseClientToken(jobId: string, taskId: string): string {
  return `${jobId}/${taskId}`;
}
