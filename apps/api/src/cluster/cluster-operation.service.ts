import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { rollbackClusterJob, retryClusterJob, submitClusterJob, type SubmittedJob } from '@pitrix/cluster-client';
import { ClusterEventStore, ClusterReadModel, JobSpecStore, type ClusterRow } from '@pitrix/cluster-store';
import type { ApiConfig } from '@pitrix/config';
import { hasErrorCode, PitrixError } from '@pitrix/errors';
import { newId } from '@pitrix/ids';
import type { Client } from '@temporalio/client';
import type { Caller } from '../access/index.js';
import { API_CONFIG, TEMPORAL_CLIENT } from '../clients/tokens.js';
import { ClusterAccess } from './cluster-access.js';
import { ClusterOperationPreparer, type PreparedOperation } from './cluster-operation-preparer.js';
import { JobViewService } from './job-view.service.js';
import type { AcceptedJob, Job } from './models/job.model.js';
import type { ClusterOperationRequest } from './operation-request.js';
import { CLUSTER_PACKAGE_SOURCE, type ClusterPackageSource } from './package-source.js';

/**
 * Cluster operations. Everything is checked before a job starts (the package values, the
 * caller's access, that no job runs, and a dry run of the planner for the status and arguments:
 * `ClusterOperationPreparer`), so a refused request changes nothing; then the workflow start
 * accepts the job durably. A plan is the same checks and dry run, without the start.
 */
@Injectable()
export class ClusterOperationService {
  constructor(
    private readonly preparer: ClusterOperationPreparer,
    private readonly access: ClusterAccess,
    private readonly reads: ClusterReadModel,
    private readonly events: ClusterEventStore,
    private readonly specs: JobSpecStore,
    private readonly jobViews: JobViewService,
    @Inject(CLUSTER_PACKAGE_SOURCE) private readonly packages: ClusterPackageSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Checks and plans an operation, then starts its job (what every operation mutation does). */
  async start(caller: Caller, request: ClusterOperationRequest): Promise<AcceptedJob> {
    const prepared = await this.preparer.prepare(caller, request);
    const job = await this.submit(prepared);
    return { ...this.accepted(job, prepared.operation.action), placement: prepared.placement };
  }

  /** Checks and plans an operation, starting nothing: what `start` would run, or the error it would give. */
  plan(caller: Caller, request: ClusterOperationRequest): Promise<PreparedOperation> {
    return this.preparer.prepare(caller, request);
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
    await this.preparer.ensureIdle(cluster.id);
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

  /**
   * Turns healing of a cluster's nodes on or off and sets its grace period, as an event (the
   * resurrector reads the projection). Any status: the setting waits for the cluster to run.
   */
  async setHealing(caller: Caller, clusterId: string, enabled: boolean, graceSeconds: number): Promise<ClusterRow> {
    await this.access.cluster(caller, clusterId);
    if (!Number.isInteger(graceSeconds) || graceSeconds < 1 || graceSeconds > 86_400) {
      throw new PitrixError('INPUT.INVALID', `graceSeconds is ${graceSeconds}; it must be a whole number of seconds from 1 to 86,400`, [
        { path: 'graceSeconds', message: 'out of range', expected: '1..86400', found: graceSeconds },
      ]);
    }
    await this.events.append([{ clusterId, key: `cluster/${clusterId}/healing/${randomUUID()}`, event: { type: 'ClusterHealingSet', enabled, graceSeconds, setBy: caller.login } }]);
    return this.reads.cluster(clusterId);
  }

  /** Empties the read models and replays every event into them (admins only). */
  async rebuildProjections(): Promise<{ events: number }> {
    return this.events.rebuildProjections();
  }

  /**
   * Starts the job of a prepared operation. A create or upgrade records its deployment before the
   * job is accepted, so the indexer never removes a version a starting cluster is about to use; a
   * record this request wrote is taken back when the start is refused (kept when it is unknown
   * whether the job started: it may be running). A crash between the two leaves a record too
   * many, which only keeps a version (marked deleted) longer.
   */
  private async submit(prepared: PreparedOperation): Promise<SubmittedJob> {
    const submitter = { temporal: this.temporal, taskQueue: this.config.temporal.taskQueue, specs: this.specs };
    const { jobId, clusterId, operation, payload, owner, deployed } = prepared;
    const start = () => submitClusterJob(submitter, { jobId, clusterId, operation, payload, ...owner });
    if (!deployed) return start();
    const recorded = await this.packages.recordDeployment(clusterId, deployed);
    try {
      return await start();
    } catch (err) {
      if (recorded && !hasErrorCode(err, 'CLUSTER.JOB_START_UNKNOWN')) await this.packages.forgetDeployment(clusterId, deployed);
      throw err;
    }
  }

  private accepted(job: { jobId: string; clusterId: string; workflowId: string; runId: string }, action: string): AcceptedJob {
    return { ...job, action, temporalUrl: this.jobViews.temporalUrl(job.workflowId, job.runId), placement: null, fromLayer: null };
  }
}

