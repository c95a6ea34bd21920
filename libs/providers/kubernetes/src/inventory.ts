import type { KubernetesObject } from '@kubernetes/client-node';
import type { ReleaseEndpoint, WorkloadRef } from '@pitrix/provider-contract';
import { apiError, isNotFound } from './api-errors.js';
import { isReleaseNotFound, type HelmRunner } from './helm-runner.js';
import type { KubeClients } from './kube-client.js';
import type { ReleaseStorage } from './release-storage.js';
import { isHook, parseManifests, podSelectorOf, workloadsOf, type ManifestObject } from '@pitrix/helm';

/** The kinds searched for what a release leaves behind, by API group version. */
const LEFTOVER_KINDS: ReadonlyArray<readonly [apiVersion: string, kind: string]> = [
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'DaemonSet'],
  ['apps/v1', 'ReplicaSet'],
  ['batch/v1', 'Job'],
  ['v1', 'Pod'],
  ['v1', 'Service'],
  ['v1', 'ConfigMap'],
  ['v1', 'Secret'],
  ['v1', 'ServiceAccount'],
  ['v1', 'PersistentVolumeClaim'],
];

/** What a release consists of in its namespace: its manifest's objects, as deployed, and what is left of them. */
export class ReleaseInventory {
  constructor(
    private readonly helm: HelmRunner,
    private readonly kube: KubeClients,
    private readonly namespace: string,
    private readonly storage: ReleaseStorage,
  ) {}

  /** The objects of the release's latest revision (hooks excluded by Helm), as `helm get manifest` shows them; none when there is no release. */
  async manifest(release: string): Promise<ManifestObject[]> {
    const latest = (await this.storage.revisions(release)).at(-1);
    return latest ? parseManifests(latest.manifest) : [];
  }

  /** The release's hooks (tests and others), which Helm leaves in place on uninstall. */
  async hooks(release: string): Promise<ManifestObject[]> {
    const output = await this.helm.raw(['get', 'hooks', release]);
    if (isReleaseNotFound(output)) return [];
    if (output.exitCode !== 0) throw this.helm.failure(`get hooks ${release}`, output);
    return parseManifests(output.stdout).filter(isHook);
  }

  /** The release's workloads as deployed. */
  async workloads(release: string): Promise<WorkloadRef[]> {
    return workloadsOf(await this.manifest(release));
  }

  /** The release's workloads with the label selector of their pods. */
  async workloadSelectors(release: string): Promise<Array<{ workload: WorkloadRef; selector: string }>> {
    const objects = (await this.manifest(release)).filter((object) => !isHook(object));
    const workloads = workloadsOf(objects);
    return workloads.flatMap((workload) => {
      const object = objects.find((o) => o.kind === workload.kind && o.metadata.name === workload.name);
      const selector = object ? podSelectorOf(object) : undefined;
      return selector ? [{ workload, selector }] : [];
    });
  }

  /** Every port of the release's Services, addressed by the Service's cluster DNS name. */
  async endpoints(release: string): Promise<ReleaseEndpoint[]> {
    const services = (await this.manifest(release)).filter((object) => object.kind === 'Service' && !isHook(object));
    const endpoints: ReleaseEndpoint[] = [];
    for (const { metadata } of services) {
      const service = await this.kube.core.readNamespacedService({ name: metadata.name, namespace: this.namespace }).catch((err: unknown) => {
        if (isNotFound(err)) return undefined;
        throw apiError(this.kube.server, `read service ${metadata.name}`, err);
      });
      for (const port of service?.spec?.ports ?? []) {
        endpoints.push({ name: `${metadata.name}/${port.name ?? String(port.port)}`, host: `${metadata.name}.${this.namespace}.svc`, port: port.port, protocol: port.protocol ?? 'TCP' });
      }
    }
    return endpoints;
  }

  /**
   * Objects of the release still in the namespace, as `Kind/name`: those Helm marks as the
   * release's (`meta.helm.sh/release-name`) or labelled `app.kubernetes.io/instance=<release>`,
   * and the pods of the workloads given (captured before an uninstall, when the manifest is gone).
   */
  async remainingObjects(release: string, podSelectors: readonly string[] = []): Promise<string[]> {
    const found = new Set<string>();
    for (const [apiVersion, kind] of LEFTOVER_KINDS) {
      for (const object of await this.list(apiVersion, kind)) {
        if (belongsTo(object, release, this.namespace)) found.add(`${kind}/${object.metadata?.name ?? ''}`);
      }
    }
    for (const selector of podSelectors) {
      for (const pod of await this.list('v1', 'Pod', selector)) found.add(`Pod/${pod.metadata?.name ?? ''}`);
    }
    return [...found].sort();
  }

  /**
   * Hooks of the release still in the namespace (marked by its instance label): `helm get hooks`
   * names only the current revision's, while a test pod of an earlier revision may remain.
   */
  async leftoverHooks(release: string): Promise<KubernetesObject[]> {
    const hooks: KubernetesObject[] = [];
    for (const [apiVersion, kind] of LEFTOVER_KINDS) {
      for (const object of await this.list(apiVersion, kind)) {
        if (object.metadata?.annotations?.['helm.sh/hook'] !== undefined && belongsTo(object, release, this.namespace)) hooks.push({ ...object, apiVersion, kind });
      }
    }
    return hooks;
  }

  private async list(apiVersion: string, kind: string, labelSelector?: string): Promise<KubernetesObject[]> {
    const list = await this.kube.objects.list(apiVersion, kind, this.namespace, undefined, undefined, undefined, undefined, labelSelector).catch((err: unknown) => {
      throw apiError(this.kube.server, `list ${kind} objects in namespace ${this.namespace}`, err);
    });
    return list.items;
  }
}

function belongsTo(object: KubernetesObject, release: string, namespace: string): boolean {
  const annotations = object.metadata?.annotations ?? {};
  if (annotations['meta.helm.sh/release-name'] === release && (annotations['meta.helm.sh/release-namespace'] ?? namespace) === namespace) return true;
  return object.metadata?.labels?.['app.kubernetes.io/instance'] === release;
}
