import { Inject, Injectable } from '@nestjs/common';
import { rollbackClusterJob, retryClusterJob, submitClusterJob, type SubmittedJob } from '@pitrix/cluster-client';
import type { Operation } from '@pitrix/cluster-model';
import { ClusterEventStore, ClusterReadModel, JobSpecStore, type ClusterRow } from '@pitrix/cluster-store';
import type { ApiConfig } from '@pitrix/config';
import { PitrixError } from '@pitrix/errors';
import { newId } from '@pitrix/ids';
import type { Blueprint } from '@pitrix/package';
import { planJob } from '@pitrix/planner';
import { clusterWorkflowId } from '@pitrix/workflow-contract';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { requireCapability, type Caller } from '../access/index.js';
import { API_CONFIG, TEMPORAL_CLIENT } from '../clients/tokens.js';
import { ClusterAccess } from './cluster-access.js';
import type { CreateClusterInput, PackageRefInput, UpgradeClusterInput } from './dto/cluster.input.js';
import { mergeValues, renderPayload, type StoredPayload } from './job-payload.js';
import { JobViewService } from './job-view.service.js';
import type { AcceptedJob, Job } from './models/job.model.js';
import { CLUSTER_PACKAGE_SOURCE, type ClusterPackageSource, type LoadedPackage, type PackageRef } from './package-source.js';
import { PlacementService } from './placement.service.js';

/**
 * Cluster operations. Everything is checked before a job starts (the package values, the
 * caller's access, that no job runs, and a dry run of the planner for the status and arguments),
 * so a refused request changes nothing; then the workflow start accepts the job durably.
 */
@Injectable()
export class ClusterOperationService {
  constructor(
    private readonly access: ClusterAccess,
    private readonly reads: ClusterReadModel,
    private readonly events: ClusterEventStore,
    private readonly specs: JobSpecStore,
    private readonly placement: PlacementService,
    private readonly jobViews: JobViewService,
    @Inject(CLUSTER_PACKAGE_SOURCE) private readonly packages: ClusterPackageSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Creates a cluster from a package: values checked, runtime chosen, then the create job started. */
  async create(caller: Caller, input: CreateClusterInput): Promise<AcceptedJob> {
    const loaded = await this.packages.forDeploy(caller, packageRefFor(caller, input));
    const rendered = renderPayload(loaded.files, input.values ?? {});
    const chosen = await this.placement.choose(caller, input.runtimeId, loaded.eligibility);
    const clusterId = newId('cluster');
    const jobId = newId('job');
    const target = { appId: loaded.appId, versionId: loaded.versionId, runtimeId: chosen.runtimeId };
    const operation: Operation = { action: 'create', atomic: input.atomic };
    const state = { clusterId, name: rendered.cluster?.name ?? clusterId, ...target, status: 'pending' as const, placement: null, nodes: [] };
    planJob({ jobId, operation, blueprint: rendered.blueprint as Blueprint, state });
    const payload: StoredPayload = { ...rendered, target, source: packageRef(input) };
    const job = await this.submitRecorded(clusterId, loaded, () => this.submit(jobId, clusterId, operation, payload, { owner: caller.userId, ownerPath: caller.ownerPath }));
    return { ...this.accepted(job, 'create'), placement: chosen };
  }

  /** Starts an operation that works from the cluster's current package and values. */
  async operate(caller: Caller, clusterId: string, operation: Operation): Promise<AcceptedJob> {
    const cluster = await this.access.cluster(caller, clusterId);
    return this.run(caller, cluster, operation, await this.currentPayload(cluster));
  }

  /** Upgrades to another package version; the cluster's values carry over, `values` changes some. */
  async upgrade(caller: Caller, clusterId: string, input: UpgradeClusterInput): Promise<AcceptedJob> {
    const cluster = await this.access.cluster(caller, clusterId);
    const current = await this.currentPayload(cluster);
    const loaded = await this.packages.forDeploy(caller, packageRefFor(caller, input));
    if (loaded.appId !== current.target.appId) {
      throw new PitrixError('CLUSTER.INVALID_OPERATION', `Cluster ${clusterId} runs app ${current.target.appId}; version ${loaded.versionId} belongs to ${loaded.appId}`, [
        { path: 'appVersionId', message: 'must be a version of the cluster\'s app', expected: current.target.appId, found: loaded.appId },
      ]);
    }
    const rendered = renderPayload(loaded.files, mergeValues(current.values, input.values ?? {}), current.values);
    const payload: StoredPayload = { ...rendered, cluster: current.cluster, target: { ...current.target, versionId: loaded.versionId }, source: packageRef(input) };
    const operation: Operation = { action: 'upgrade', targetVersionId: loaded.versionId, canary: input.canary, maxInFlight: input.maxInFlight };
    return this.run(caller, cluster, operation, payload, loaded);
  }

  /** Re-renders the cluster's package with changed values (`changeable` enforced) and rewrites its metadata. */
  async updateEnv(caller: Caller, clusterId: string, values: Record<string, unknown>): Promise<AcceptedJob> {
    const cluster = await this.access.cluster(caller, clusterId);
    const current = await this.currentPayload(cluster);
    if (!current.source) throw new PitrixError('CLUSTER.INVALID_OPERATION', `Cluster ${clusterId} does not record where its package came from; upgrade it to set one`);
    const loaded = await this.packages.reload(current.source);
    const rendered = renderPayload(loaded.files, mergeValues(current.values, values), current.values);
    return this.run(caller, cluster, { action: 'updateEnv' }, { ...rendered, cluster: current.cluster, target: current.target, source: current.source });
  }

  /** Resumes a failed job from its failed layer (a Temporal reset; see docs/clusters.md). */
  async retry(caller: Caller, jobId: string): Promise<AcceptedJob> {
    const job = await this.access.job(caller, jobId);
    const retried = await retryClusterJob({ temporal: this.temporal, reads: this.reads, events: this.events }, jobId, caller.userId);
    const accepted = this.accepted({ jobId, clusterId: job.clusterId, workflowId: job.workflowId, runId: retried.runId }, job.action);
    return { ...accepted, fromLayer: retried.fromLayer };
  }

  /** Undoes what a failed job completed, in reverse order, as a new job. */
  async rollback(caller: Caller, jobId: string): Promise<AcceptedJob> {
    const job = await this.access.job(caller, jobId);
    const cluster = await this.access.cluster(caller, job.clusterId);
    await this.ensureIdle(cluster.id);
    const submitter = { temporal: this.temporal, taskQueue: this.config.temporal.taskQueue, specs: this.specs, reads: this.reads };
    const submitted = await rollbackClusterJob(submitter, jobId, newId('job'), { owner: caller.userId, ownerPath: cluster.ownerPath });
    return this.accepted(submitted, 'rollback');
  }

  /**
   * Cancels a running job through Temporal: the workflow stops its tasks in flight (they are not
   * undone) and records the job as cancelled, leaving the cluster `failed` for a rollback or a
   * forced delete.
   */
  async cancel(caller: Caller, jobId: string): Promise<Job> {
    const job = await this.access.job(caller, jobId);
    if (job.status !== 'running') throw new PitrixError('CLUSTER.INVALID_STATE', `Job ${jobId} is ${job.status}; only a running job can be cancelled`);
    const handle = this.temporal.workflow.getHandle(job.workflowId);
    const description = await handle.describe();
    if (description.status.name !== 'RUNNING' || description.memo?.jobId !== jobId) {
      throw new PitrixError('CLUSTER.INVALID_STATE', `Job ${jobId} is not running any more`);
    }
    await handle.cancel();
    return this.jobViews.view(await this.reads.job(jobId));
  }

  /** Empties the read models and replays every event into them (admins only). */
  async rebuildProjections(): Promise<{ events: number }> {
    return this.events.rebuildProjections();
  }

  private async run(caller: Caller, cluster: ClusterRow, operation: Operation, payload: StoredPayload, deployed?: LoadedPackage): Promise<AcceptedJob> {
    await this.ensureIdle(cluster.id);
    const jobId = newId('job');
    const state = await this.reads.state(cluster.id, { clusterId: cluster.id, name: cluster.name, ...payload.target });
    planJob({ jobId, operation, blueprint: payload.blueprint as Blueprint, state });
    const submit = () => this.submit(jobId, cluster.id, operation, payload, { owner: caller.userId, ownerPath: cluster.ownerPath });
    const job = deployed ? await this.submitRecorded(cluster.id, deployed, submit) : await submit();
    return this.accepted(job, operation.action);
  }

  /**
   * Records the deployment before the job is accepted, so the indexer never removes a version a
   * starting cluster is about to use; a record this request wrote is taken back when the start is
   * refused. A crash
   * between the two leaves a record too many, which only keeps a version (marked deleted) longer.
   */
  private async submitRecorded(clusterId: string, loaded: LoadedPackage, submit: () => Promise<SubmittedJob>): Promise<SubmittedJob> {
    const recorded = await this.packages.recordDeployment(clusterId, loaded);
    try {
      return await submit();
    } catch (err) {
      if (recorded) await this.packages.forgetDeployment(clusterId, loaded);
      throw err;
    }
  }

  /**
   * `CLUSTER.BUSY` while a job of the cluster runs (the workflow start would refuse it anyway). A
   * job records its end just before its workflow closes; an operation sent in that moment (a
   * client acting on the job's success) waits for the close instead of being refused.
   */
  private async ensureIdle(clusterId: string): Promise<void> {
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

  private async currentPayload(cluster: ClusterRow): Promise<StoredPayload> {
    const specJobId = cluster.specJobId ?? cluster.lastJobId;
    if (!specJobId) throw new PitrixError('CLUSTER.INVALID_STATE', `Cluster ${cluster.id} has no completed job to work from`);
    return (await this.specs.load(specJobId)).payload as unknown as StoredPayload;
  }

  private submit(jobId: string, clusterId: string, operation: Operation, payload: StoredPayload, owner: { owner: string; ownerPath: string }): Promise<SubmittedJob> {
    const submitter = { temporal: this.temporal, taskQueue: this.config.temporal.taskQueue, specs: this.specs };
    return submitClusterJob(submitter, { jobId, clusterId, operation, payload, ...owner });
  }

  private accepted(job: { jobId: string; clusterId: string; workflowId: string; runId: string }, action: string): AcceptedJob {
    return { ...job, action, temporalUrl: this.jobViews.temporalUrl(job.workflowId, job.runId), placement: null, fromLayer: null };
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
