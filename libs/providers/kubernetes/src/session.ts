import type { HelmCli } from '@pitrix/helm';
import type {
  ClientToken,
  PreflightResult,
  ReleaseEndpoint,
  ReleasePod,
  ReleaseRequest,
  ReleaseRevision,
  ReleaseSession,
  WorkloadRef,
  WorkloadStatus,
} from '@pitrix/provider-contract';
import { HelmRunner } from './helm-runner.js';
import { ReleaseInventory } from './inventory.js';
import { ReleaseStorage } from './release-storage.js';
import type { KubeClients } from './kube-client.js';
import type { KubernetesRuntimeOptions } from './options.js';
import { listReleasePods } from './pods.js';
import { preflight } from './preflight.js';
import { ReleaseChanges } from './releases.js';
import { scaleWorkload } from './scale.js';
import { uninstall } from './uninstall.js';
import { watchReleasePods } from './watch-pods.js';
import { workloadStatus } from './workload-status.js';

/** A session in one namespace: releases through helm, reads and watches through the API. */
export class KubernetesSession implements ReleaseSession {
  private readonly helm: HelmRunner;
  private readonly inventory: ReleaseInventory;
  private readonly changes: ReleaseChanges;
  private readonly watches = new Set<() => void>();

  constructor(
    helm: HelmCli,
    private readonly kube: KubeClients,
    readonly namespace: string,
    private readonly options: KubernetesRuntimeOptions,
  ) {
    this.helm = new HelmRunner(helm, kube.kubeconfig, namespace, kube.server);
    const storage = new ReleaseStorage(kube, namespace);
    this.inventory = new ReleaseInventory(this.helm, kube, namespace, storage);
    this.changes = new ReleaseChanges(this.helm, storage, options.createNamespace);
  }

  preflight(request: ReleaseRequest): Promise<PreflightResult> {
    return preflight({ helm: this.helm, kube: this.kube, inventory: this.inventory, namespace: this.namespace, createNamespace: this.options.createNamespace }, request);
  }

  install(request: ReleaseRequest): Promise<ReleaseRevision> {
    return this.changes.install(request);
  }

  upgrade(request: ReleaseRequest): Promise<ReleaseRevision> {
    return this.changes.upgrade(request);
  }

  rollback(release: string, revision: number, clientToken: ClientToken): Promise<ReleaseRevision> {
    return this.changes.rollback(release, revision, clientToken);
  }

  uninstall(release: string): Promise<{ readonly alreadyGone: boolean }> {
    return uninstall({ helm: this.helm, kube: this.kube, inventory: this.inventory, namespace: this.namespace }, release);
  }

  history(release: string): Promise<readonly ReleaseRevision[]> {
    return this.changes.history(release);
  }

  test(release: string, timeoutSeconds: number): Promise<void> {
    return this.changes.test(release, timeoutSeconds);
  }

  workloadStatus(workload: WorkloadRef): Promise<WorkloadStatus> {
    return workloadStatus(this.kube, this.namespace, workload);
  }

  scaleWorkload(workload: WorkloadRef, replicas: number): Promise<void> {
    return scaleWorkload(this.kube, this.namespace, workload, replicas);
  }

  workloads(release: string): Promise<readonly WorkloadRef[]> {
    return this.inventory.workloads(release);
  }

  async pods(release: string): Promise<readonly ReleasePod[]> {
    return listReleasePods(this.kube, this.namespace, await this.inventory.workloadSelectors(release));
  }

  endpoints(release: string): Promise<readonly ReleaseEndpoint[]> {
    return this.inventory.endpoints(release);
  }

  async remainingObjects(release: string): Promise<readonly string[]> {
    const selectors = (await this.inventory.workloadSelectors(release)).map((w) => w.selector);
    return this.inventory.remainingObjects(release, selectors);
  }

  async watchPods(release: string, onChange: (pods: readonly ReleasePod[]) => void, onError: (err: Error) => void): Promise<() => void> {
    // Each list reads the release's manifest again, so the watch follows upgrades and a later install.
    const stop = await watchReleasePods(this.kube, this.namespace, () => this.pods(release), onChange, onError);
    const stopOnce = (): void => {
      if (this.watches.delete(stopOnce)) stop();
    };
    this.watches.add(stopOnce);
    return stopOnce;
  }

  async close(): Promise<void> {
    for (const stop of [...this.watches]) stop();
  }
}
