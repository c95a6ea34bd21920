import type { Operation } from '@pitrix/cluster-model';
import { PitrixError } from '@pitrix/errors';
import type { SecretBox, SealedSecret } from '@pitrix/secrets';
import type { DataSource } from 'typeorm';

/**
 * What a job needs beyond its operation: the rendered blueprint(s) and the values they came from.
 * It may hold passwords the user typed, so it is sealed at rest and only its job id travels in
 * workflow payloads.
 */
export interface JobSpec {
  readonly clusterId: string;
  readonly operation: Operation;
  readonly owner: string;
  readonly ownerPath: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Stores job specs before their workflow starts, and loads them inside activities. */
export class JobSpecStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly box: SecretBox,
  ) {}

  /** Saves a spec under its job id (saving the same job id again changes nothing). */
  async save(jobId: string, spec: JobSpec): Promise<void> {
    const sealed = this.box.seal(JSON.stringify({ payload: spec.payload, ownerPath: spec.ownerPath }), jobId);
    await this.dataSource.query(
      `INSERT INTO cluster.job_specs (job_id, cluster_id, operation, sealed, owner) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (job_id) DO NOTHING`,
      [jobId, spec.clusterId, JSON.stringify(spec.operation), JSON.stringify(sealed), spec.owner],
    );
  }

  /** Loads and opens a spec; an unknown job is `CLUSTER.JOB_NOT_FOUND`. */
  async load(jobId: string): Promise<JobSpec> {
    const rows = (await this.dataSource.query(`SELECT cluster_id, operation, sealed, owner FROM cluster.job_specs WHERE job_id = $1`, [jobId])) as Array<{
      cluster_id: string;
      operation: Operation;
      sealed: SealedSecret;
      owner: string;
    }>;
    const row = rows[0];
    if (!row) throw new PitrixError('CLUSTER.JOB_NOT_FOUND', `Job ${jobId} does not exist`);
    const opened = JSON.parse(this.box.open(row.sealed, jobId)) as { payload: Record<string, unknown>; ownerPath: string };
    return { clusterId: row.cluster_id, operation: row.operation, owner: row.owner, ownerPath: opened.ownerPath, payload: opened.payload };
  }

  /** Removes the spec of a job that never started (its workflow start was refused). */
  async discard(jobId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM cluster.job_specs WHERE job_id = $1`, [jobId]);
  }
}
