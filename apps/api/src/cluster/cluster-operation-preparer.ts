import { Inject, Injectable } from '@nestjs/common';
import { blueprintLinks, isReleaseBlueprint, releaseNameOf, type ClusterJobPayload, type Operation, type Plan, type ReleaseBlueprint } from '@pitrix/cluster-model';
import { ClusterReadModel, JobSpecStore, type ClusterRow } from '@pitrix/cluster-store';
import { PitrixError } from '@pitrix/errors';
import { newId } from '@pitrix/ids';
import { packageKindOf, type Blueprint, type PackageFiles } from '@pitrix/package';
import type { HelmCli } from '@pitrix/helm';
import { planJob } from '@pitrix/planner';
import { clusterWorkflowId } from '@pitrix/workflow-contract';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { requireCapability, type Caller } from '../access/index.js';
import { checkReadOnlyValues, renderChartPayload, resourcesFor, valueAt, withValue, type ReleaseTarget } from '@pitrix/cluster-client';
import { HELM_CLI, TEMPORAL_CLIENT } from '../clients/tokens.js';
import { ClusterAccess } from './cluster-access.js';
import { ClusterLinkChecker } from './cluster-link-checker.js';
import { ClusterLinkGuard } from './cluster-link-guard.js';
import type { CreateClusterInput, PackageRefInput, UpgradeClusterInput } from './dto/cluster.input.js';
import { mergeValues, renderPayload, type StoredPayload } from './job-payload.js';
import { linkRequests } from './link-requests.js';
import type { ClusterOperationRequest } from './operation-request.js';
import { CLUSTER_PACKAGE_SOURCE, type ClusterPackageSource, type LoadedPackage, type PackageRef } from './package-source.js';
import { PlacementService, type ChosenRuntime } from './placement.service.js';

/** An operation that passed every check, with its plan: what a job needs to start, nothing started. */
export interface PreparedOperation {
  readonly jobId: string;
  /** For create, the id the new cluster gets when the job is submitted. */
  readonly clusterId: string;
  readonly operation: Operation;
  readonly payload: StoredPayload;
  readonly owner: { readonly owner: string; readonly ownerPath: string };
  /** The planner's answer for the cluster's current state; the worker plans again from the same inputs. */
  readonly plan: Plan;
  /** The package a create or upgrade deploys: its deployment is recorded when the job is submitted. */
  readonly deployed?: LoadedPackage;
  /** For create: the runtime chosen and why. */
  readonly placement: ChosenRuntime | null;
}

/**
 * Checks a cluster operation and plans it, writing nothing: the package values, the caller's
 * access, that no job runs, and the planner's verdict on the status and arguments. The mutations
 * submit what this prepares; `planClusterOperation` only shows it.
 */
@Injectable()
export class ClusterOperationPreparer {
  constructor(
    private readonly access: ClusterAccess,
    private readonly reads: ClusterReadModel,
    private readonly specs: JobSpecStore,
    private readonly placement: PlacementService,
    private readonly linkChecker: ClusterLinkChecker,
    private readonly linkGuard: ClusterLinkGuard,
    @Inject(CLUSTER_PACKAGE_SOURCE) private readonly packages: ClusterPackageSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(HELM_CLI) private readonly helm: HelmCli,
  ) {}

  /** Prepares any operation; the errors are those its mutation gives. */
  prepare(caller: Caller, request: ClusterOperationRequest): Promise<PreparedOperation> {
    switch (request.kind) {
      case 'create':
        return this.create(caller, request.input);
      case 'upgrade':
        return this.upgrade(caller, request.clusterId, request.input);
      case 'updateEnv':
        return this.updateEnv(caller, request.clusterId, request.values);
      case 'operate':
        return this.operate(caller, request.clusterId, request.operation, request.force ?? false);
    }
  }

  /**
   * `CLUSTER.BUSY` while a job of the cluster runs (the workflow start would refuse it anyway). A
   * job records its end just before its workflow closes; an operation sent in that moment (a
   * client acting on the job's success) waits for the close instead of being refused.
   */
  async ensureIdle(clusterId: string): Promise<void> {
    const handle = this.temporal.workflow.getHandle(clusterWorkflowId(clusterId));
    let description: Awaited<ReturnType<typeof handle.describe>>;
    try {
      description = await handle.describe();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return;
      throw err;
    }
    if (description.status.name !== 'RUNNING') return;
    const jobId = description.memo?.jobId;
    const ended = typeof jobId === 'string' && ENDED_JOB.has(await this.reads.job(jobId).then((job) => job.status, () => 'unknown'));
    if (ended && (await closesWithin(handle, CLOSING_WORKFLOW_WAIT_MS))) return;
    throw new PitrixError('CLUSTER.BUSY', `Cluster ${clusterId} is running another job; wait for it to finish`);
  }

  /** A new cluster from a package: values checked, runtime chosen, the create planned. */
  private async create(caller: Caller, input: CreateClusterInput): Promise<PreparedOperation> {
    const loaded = await this.packages.forDeploy(caller, packageRefFor(caller, input));
    const kind = packageKindOf(loaded.files);
    // A chart renders for its namespace, so the runtime is chosen first; a package renders alone.
    const rendered = kind === 'pitrix' ? renderPayload(loaded.files, input.values ?? {}) : undefined;
    // Linked clusters decide the runtime (when none is named) and the network: the new cluster's
    // drones must read the targets' metadata, which lives in their network's bucket.
    const linked = rendered ? await this.linkChecker.check(caller, linkRequests(loaded.files, rendered), { runtimeId: input.runtimeId }) : undefined;
    const placed = await this.placement.choose(caller, input.runtimeId ?? linked?.runtimeId, loaded.eligibility, kind === 'helm' ? 'kubernetes' : 'machines');
    const chosen = linked && !input.runtimeId ? { ...placed, reason: `the runtime and network of linked cluster ${linked.clusterId}` } : placed;
    const clusterId = newId('cluster');
    const jobId = newId('job');
    const target = { appId: loaded.appId, versionId: loaded.versionId, runtimeId: chosen.runtimeId };
    const operation: Operation = { action: 'create', atomic: input.atomic };
    const base = rendered ?? (await this.renderChart(loaded.files, input.values ?? {}, { release: releaseNameOf(clusterId), namespace: chosen.zone }));
    const healing = input.healing ? { enabled: input.healing.enabled, graceSeconds: input.healing.graceSeconds } : undefined;
    const cluster = base.cluster ? { ...base.cluster, ...(healing ? { healing } : {}), ...(linked ? { networkId: linked.networkId } : {}) } : undefined;
    const payload: StoredPayload = { ...base, ...(cluster ? { cluster } : {}), target, source: packageRef(input) };
    const state = { clusterId, name: payload.cluster?.name ?? clusterId, ...target, status: 'pending' as const, placement: null, nodes: [] };
    const plan = planJob({ jobId, operation, blueprint: payload.blueprint as Blueprint, state });
    const owner = { owner: caller.userId, ownerPath: caller.ownerPath };
    return { jobId, clusterId, operation, payload, owner, plan, deployed: loaded, placement: chosen };
  }

  /** An operation that works from the cluster's current package and values. */
  private async operate(caller: Caller, clusterId: string, operation: Operation, force: boolean): Promise<PreparedOperation> {
    const cluster = await this.access.cluster(caller, clusterId);
    if (operation.action === 'delete' || operation.action === 'cease') await this.linkGuard.ensureUnlinked(caller, clusterId, operation.action, operation.action === 'delete' ? operation.force : force);
    const current = await this.currentPayload(cluster);
    if (!isReleaseBlueprint(current.blueprint)) return this.planOn(caller, cluster, operation, current);
    return this.planOn(caller, cluster, operation, await this.releaseOperationPayload(cluster.id, current, current.blueprint, operation));
  }

  /**
   * What a chart cluster's operation asks of its release: scaling and resizing change values (a
   * value the chart declares) or the replica count the blueprint keeps (the scale subresource),
   * and the chart is rendered again; other operations work from the current payload.
   */
  private async releaseOperationPayload(clusterId: string, current: StoredPayload, blueprint: ReleaseBlueprint, operation: Operation): Promise<StoredPayload> {
    const files = payloadFiles(current);
    const target = { release: blueprint.release, namespace: blueprint.namespace };
    const kept = keptReplicas(blueprint);
    const render = async (values: Record<string, unknown>, replicas: Record<string, number>) => ({ ...(await this.renderChart(files, values, target, replicas)), cluster: current.cluster, target: current.target, source: current.source });
    const workload = (role: string) => blueprint.workloads.find((candidate) => candidate.role === role && candidate.replicas !== null);
    const scaled = async (role: string, replicas: number) => {
      const found = workload(role);
      if (!found) return current; // the planner names what is wrong with the role
      if (replicas < 0) throw new PitrixError('CLUSTER.INVALID_ARGUMENT', `${found.kind} ${role} has ${found.replicas} replicas; it cannot lose more`, [{ path: 'nodeIds', message: 'more pods than the workload has' }]);
      return found.replicasValue ? render(withValue(current.values, found.replicasValue, replicas), kept) : render({ ...current.values }, { ...kept, [found.role]: replicas });
    };
    switch (operation.action) {
      case 'addNodes':
        return scaled(operation.role, (workload(operation.role)?.replicas ?? 0) + operation.count);
      case 'deleteNodes': {
        const nodes = await this.reads.nodes(clusterId);
        const roles = [...new Set(operation.nodeIds.map((nodeId) => nodes.find((node) => node.nodeId === nodeId)?.role ?? ''))];
        if (roles.length !== 1 || roles[0] === '') return current; // the planner refuses unknown pods and mixed workloads
        const role = roles[0] as string;
        return scaled(role, (workload(role)?.replicas ?? 0) - operation.nodeIds.length);
      }
      case 'resize': {
        let values: Record<string, unknown> = { ...current.values };
        for (const size of operation.roles) {
          const path = blueprint.workloads.find((candidate) => candidate.role === size.role)?.resourcesValue;
          if (path) values = withValue(values, path, resourcesFor(size, valueAt(values, path)));
        }
        return render(values, kept);
      }
      default:
        return current;
    }
  }

  /** Renders a chart with values for its release (`helm template` refuses bad charts and values). */
  private renderChart(files: PackageFiles, values: Record<string, unknown>, target: ReleaseTarget, replicas: Record<string, number> = {}): Promise<ClusterJobPayload> {
    return renderChartPayload(this.helm, files, values, target, replicas);
  }

  /** Another package version; the cluster's values carry over, `values` changes some. */
  private async upgrade(caller: Caller, clusterId: string, input: UpgradeClusterInput): Promise<PreparedOperation> {
    const cluster = await this.access.cluster(caller, clusterId);
    const current = await this.currentPayload(cluster);
    const loaded = await this.packages.forDeploy(caller, packageRefFor(caller, input));
    if (loaded.appId !== current.target.appId) {
      throw new PitrixError('CLUSTER.INVALID_OPERATION', `Cluster ${clusterId} runs app ${current.target.appId}; version ${loaded.versionId} belongs to ${loaded.appId}`, [
        { path: 'appVersionId', message: 'must be a version of the cluster\'s app', expected: current.target.appId, found: loaded.appId },
      ]);
    }
    const values = mergeValues(current.values, input.values ?? {});
    const rendered = isReleaseBlueprint(current.blueprint) ? await this.upgradeChart(current.blueprint, loaded.files, current.values, values) : renderPayload(loaded.files, values, current.values);
    const payload: StoredPayload = { ...rendered, cluster: current.cluster, target: { ...current.target, versionId: loaded.versionId }, source: packageRef(input) };
    if (!isReleaseBlueprint(current.blueprint)) await this.checkNewLinks(caller, cluster, loaded.files, payload, current);
    const operation: Operation = { action: 'upgrade', targetVersionId: loaded.versionId, canary: input.canary, maxInFlight: input.maxInFlight, atomic: input.atomic };
    return this.planOn(caller, cluster, operation, payload, loaded);
  }

  /** The cluster's package re-rendered with changed values (`changeable` enforced). */
  private async updateEnv(caller: Caller, clusterId: string, values: Record<string, unknown>): Promise<PreparedOperation> {
    const cluster = await this.access.cluster(caller, clusterId);
    const current = await this.currentPayload(cluster);
    if (!current.source) throw new PitrixError('CLUSTER.INVALID_OPERATION', `Cluster ${clusterId} does not record where its package came from; upgrade it to set one`);
    const loaded = await this.packages.reload(current.source);
    const merged = mergeValues(current.values, values);
    const rendered = isReleaseBlueprint(current.blueprint) ? await this.upgradeChart(current.blueprint, loaded.files, current.values, merged) : renderPayload(loaded.files, merged, current.values);
    const payload: StoredPayload = { ...rendered, cluster: current.cluster, target: current.target, source: current.source };
    if (!isReleaseBlueprint(current.blueprint)) await this.checkNewLinks(caller, cluster, loaded.files, payload, current);
    return this.planOn(caller, cluster, { action: 'updateEnv' }, payload);
  }

  /** A chart cluster's new chart or values: another chart is refused, read-only values kept, the chart rendered. */
  private async upgradeChart(blueprint: ReleaseBlueprint, files: PackageFiles, previous: Readonly<Record<string, unknown>>, values: Record<string, unknown>): Promise<ClusterJobPayload> {
    if (packageKindOf(files) !== 'helm') {
      throw new PitrixError('CLUSTER.UPGRADE_INCOMPATIBLE', `the cluster runs chart ${blueprint.chart.name}; a Pitrix package cannot replace it`, [{ path: 'appVersionId', message: 'must be a Helm chart', expected: 'helm', found: 'pitrix' }]);
    }
    checkReadOnlyValues(files, previous, values);
    return this.renderChart(files, values, { release: blueprint.release, namespace: blueprint.namespace }, keptReplicas(blueprint));
  }

  /** Links an update adds must reach clusters of the cluster's own runtime and network (see ClusterLinkChecker). */
  private async checkNewLinks(caller: Caller, cluster: ClusterRow, files: PackageFiles, payload: StoredPayload, current: StoredPayload): Promise<void> {
    const site = { clusterId: cluster.id, runtimeId: cluster.runtimeId, ...(cluster.networkId ? { networkId: cluster.networkId } : {}) };
    await this.linkChecker.check(caller, linkRequests(files, payload, blueprintLinks(current.blueprint)), site);
  }

  private async planOn(caller: Caller, cluster: ClusterRow, operation: Operation, payload: StoredPayload, deployed?: LoadedPackage): Promise<PreparedOperation> {
    await this.ensureIdle(cluster.id);
    const jobId = newId('job');
    const state = await this.reads.state(cluster.id, { clusterId: cluster.id, name: cluster.name, ...payload.target });
    const plan = planJob({ jobId, operation, blueprint: payload.blueprint as Blueprint, state });
    const owner = { owner: caller.userId, ownerPath: cluster.ownerPath };
    return { jobId, clusterId: cluster.id, operation, payload, owner, plan, ...(deployed ? { deployed } : {}), placement: null };
  }

  private async currentPayload(cluster: ClusterRow): Promise<StoredPayload> {
    const specJobId = cluster.specJobId ?? cluster.lastJobId;
    if (!specJobId) throw new PitrixError('CLUSTER.INVALID_STATE', `Cluster ${cluster.id} has no completed job to work from`);
    return (await this.specs.load(specJobId)).payload as unknown as StoredPayload;
  }
}

/** The package a caller asks for; a path on the API's machine is for admins only. */
function packageRefFor(caller: Caller, input: PackageRefInput): PackageRef {
  if (input.packageUrl) requireCapability(caller, 'clusterFromPackagePath');
  return packageRef(input);
}

/** Exactly one of `appVersionId` and `packageUrl`. */
function packageRef(input: PackageRefInput): PackageRef {
  if (input.appVersionId && input.packageUrl) {
    throw new PitrixError('INPUT.INVALID', 'Give appVersionId or packageUrl, not both', [{ path: 'packageUrl', message: 'not allowed with appVersionId' }]);
  }
  if (!input.appVersionId && !input.packageUrl) {
    throw new PitrixError('INPUT.INVALID', 'Give appVersionId or packageUrl', [{ path: 'appVersionId', message: 'one of appVersionId and packageUrl is required' }]);
  }
  return input.appVersionId ? { appVersionId: input.appVersionId } : { packageUrl: input.packageUrl };
}

/** The chart files a chart cluster's payload carries, as package files. */
function payloadFiles(payload: StoredPayload): PackageFiles {
  return payload.packageFiles.map((file) => ({ path: file.path, mode: file.mode, bytes: new Uint8Array(Buffer.from(file.contentBase64, 'base64')) }));
}

/** Replica counts set through the scale subresource (no declared value): a new render keeps them. */
function keptReplicas(blueprint: ReleaseBlueprint): Record<string, number> {
  return Object.fromEntries(blueprint.workloads.filter((workload) => workload.replicasValue === null && workload.replicas !== null).map((workload) => [workload.role, workload.replicas as number]));
}

/** Job statuses after which the job's workflow only closes. */
const ENDED_JOB = new Set(['successful', 'failed', 'cancelled']);

/** Longest an operation waits for the workflow of a job that has ended to close. */
const CLOSING_WORKFLOW_WAIT_MS = 15_000;

/** True when the workflow closes (in any way) within `ms`. */
function closesWithin(handle: { result(): Promise<unknown> }, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const closed = handle.result().then(() => true, () => true);
  return Promise.race([closed, timeout]).finally(() => clearTimeout(timer));
}
