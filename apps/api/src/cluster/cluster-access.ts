import { Injectable } from '@nestjs/common';
import { ClusterReadModel, JobSpecStore, type ClusterRow, type JobRow } from '@pitrix/cluster-store';
import { isPitrixError, PitrixError } from '@pitrix/errors';
import { canSee, type Caller } from '../access/index.js';

/**
 * Scoped reads: a caller reaches only the clusters (and their jobs) under its access path; what
 * lies elsewhere does not exist for it (the same NOT_FOUND as a wrong id, so ids leak nothing).
 */
@Injectable()
export class ClusterAccess {
  constructor(
    private readonly reads: ClusterReadModel,
    private readonly specs: JobSpecStore,
  ) {}

  /** The cluster, or `CLUSTER.NOT_FOUND` when it does not exist or the caller may not see it. */
  async cluster(caller: Caller, clusterId: string): Promise<ClusterRow> {
    const row = await this.reads.cluster(clusterId);
    if (!canSee(caller, row.ownerPath)) throw new PitrixError('CLUSTER.NOT_FOUND', `Cluster ${clusterId} does not exist`);
    return row;
  }

  /** A job the read model knows, or `CLUSTER.JOB_NOT_FOUND`. */
  async job(caller: Caller, jobId: string): Promise<JobRow> {
    const job = await this.reads.job(jobId);
    await this.cluster(caller, job.clusterId).catch((err: unknown) => {
      throw isPitrixError(err) && err.code === 'CLUSTER.NOT_FOUND' ? new PitrixError('CLUSTER.JOB_NOT_FOUND', `Job ${jobId} does not exist`) : err;
    });
    return job;
  }

  /**
   * A job accepted but not started yet (its workflow has not recorded it): only its spec exists.
   * Undefined when there is none the caller may see.
   */
  async acceptedJob(caller: Caller, jobId: string): Promise<{ clusterId: string; action: string; owner: string } | undefined> {
    const spec = await this.specs.load(jobId).catch(() => undefined);
    if (!spec || !canSee(caller, spec.ownerPath)) return undefined;
    return { clusterId: spec.clusterId, action: spec.operation.action, owner: spec.owner };
  }
}
