import { Inject, Injectable } from '@nestjs/common';
import { ClusterEventStore, ClusterReadModel, JobSpecStore, type ClusterRow, type EndpointRow, type JobRow, type RoleRow } from '@pitrix/cluster-store';
import type { NodeState, StoredClusterEvent } from '@pitrix/cluster-model';
import { hasErrorCode, PitrixError } from '@pitrix/errors';
import type { DataSource } from 'typeorm';
import { visibleOwnerSql, type Caller } from '../access/index.js';
import { DATA_SOURCE } from '../clients/tokens.js';
import { decodeCursor, toConnection, type Connection } from '../graphql/pagination.js';
import type { PageInput } from '../runtime/dto/runtime.input.js';
import { ClusterAccess } from './cluster-access.js';
import type { NodeHealthRecord } from './cluster-health.js';
import type { ClusterFilter } from './dto/cluster.input.js';
import type { JobFilter } from './dto/job.input.js';
import { JobViewService } from './job-view.service.js';
import type { Job } from './models/job.model.js';

/** The role name replicas of a role carry after the role's own (reserved by the package schema). */
const REPLICA_SUFFIX = '-replica';

const camel = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([key, value]) => [key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), value]));

/** Reads of clusters, nodes, jobs and events, scoped to the caller. */
@Injectable()
export class ClusterQueryService {
  constructor(
    private readonly access: ClusterAccess,
    private readonly reads: ClusterReadModel,
    private readonly eventStore: ClusterEventStore,
    private readonly jobViews: JobViewService,
    private readonly specs: JobSpecStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  /** Clusters under the caller's access path, newest first, filtered and paged by cursor. */
  async list(caller: Caller, filter: ClusterFilter, page: PageInput): Promise<Connection<ClusterRow>> {
    const params: unknown[] = [];
    const where = [visibleOwnerSql(caller, 'owner_path', params)];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.runtimeId) add('runtime_id = ?', filter.runtimeId);
    if (filter.appId) add('app_id = ?', filter.appId);
    if (filter.status) add('status = ?', filter.status);
    if (filter.owner) add('owner = ?', filter.owner);
    if (filter.search) add(`(id ILIKE ? OR name ILIKE $${params.length + 1} OR description ILIKE $${params.length + 1})`, `%${escapeLike(filter.search)}%`);
    const total = (await this.dataSource.query(`SELECT count(*)::int AS n FROM cluster.clusters WHERE ${where.join(' AND ')}`, params)) as Array<{ n: number }>;
    const after = decodeCursor(page.after);
    if (after) {
      params.push(after.sort, after.id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length})`);
    }
    params.push(page.first + 1);
    const rows = (await this.dataSource.query(
      `SELECT * FROM cluster.clusters WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    )) as Array<Record<string, unknown>>;
    const clusters = rows.map((row) => camel(row) as unknown as ClusterRow);
    return toConnection(clusters, page.first, total[0]?.n ?? 0, (c) => ({ sort: new Date(c.createdAt).toISOString(), id: c.id }));
  }

  get(caller: Caller, clusterId: string): Promise<ClusterRow> {
    return this.access.cluster(caller, clusterId);
  }

  nodes(clusterId: string): Promise<NodeState[]> {
    return this.reads.nodes(clusterId);
  }

  /** Health of a cluster's nodes by node id, from the agent monitor's table (nodes whose drone never reported are absent). */
  async nodeHealth(clusterId: string): Promise<Map<string, NodeHealthRecord>> {
    const rows = (await this.dataSource.query(`SELECT node_id, state, reason, message, state_since, observed_at FROM agents.node_health WHERE cluster_id = $1`, [clusterId])) as Array<{
      node_id: string;
      state: string;
      reason: string;
      message: string;
      state_since: Date;
      observed_at: Date | null;
    }>;
    return new Map(rows.map((row) => [row.node_id, { status: row.state, reason: row.reason, message: row.message, since: row.state_since, observedAt: row.observed_at }]));
  }

  /** A cluster's roles, each with its container image from the cluster's current blueprint. */
  async roles(clusterId: string): Promise<Array<RoleRow & { containerImage: string | null }>> {
    const [roles, images] = await Promise.all([this.reads.roles(clusterId), this.containerImages(clusterId)]);
    return roles.map((role) => ({ ...role, containerImage: images.get(role.role) ?? null }));
  }

  /**
   * The `container.image` of every role of the cluster's current blueprint, by the role name its
   * nodes carry (a replica's role shares its role's image). The blueprint lives only in the job
   * spec the cluster works from; a cluster with none yet has no images.
   */
  private async containerImages(clusterId: string): Promise<Map<string, string>> {
    const cluster = await this.reads.cluster(clusterId);
    const specJobId = cluster.specJobId ?? cluster.lastJobId;
    if (!specJobId) return new Map();
    const spec = await this.specs.load(specJobId).catch((err: unknown) => {
      if (hasErrorCode(err, 'CLUSTER.JOB_NOT_FOUND')) return undefined;
      throw err;
    });
    const blueprint = spec?.payload.blueprint as { readonly nodes?: ReadonlyArray<{ readonly role?: string; readonly container?: { readonly image?: string } }> } | undefined;
    const images = new Map<string, string>();
    for (const role of blueprint?.nodes ?? []) {
      const image = role.container?.image;
      if (image === undefined) continue;
      images.set(role.role ?? '', image);
      images.set(`${role.role ?? ''}${REPLICA_SUFFIX}`, image);
    }
    return images;
  }

  endpoints(clusterId: string): Promise<EndpointRow[]> {
    return this.reads.endpoints(clusterId);
  }

  /** Jobs of the caller's clusters, newest first. */
  async jobs(caller: Caller, filter: JobFilter, page: PageInput): Promise<Connection<Job>> {
    const params: unknown[] = [];
    const where = [visibleOwnerSql(caller, 'c.owner_path', params)];
    if (filter.clusterId) {
      params.push(filter.clusterId);
      where.push(`j.cluster_id = $${params.length}`);
    }
    if (filter.status) {
      params.push(filter.status);
      where.push(`j.status = $${params.length}`);
    }
    const from = `FROM cluster.jobs j JOIN cluster.clusters c ON c.id = j.cluster_id WHERE ${where.join(' AND ')}`;
    const total = (await this.dataSource.query(`SELECT count(*)::int AS n ${from}`, params)) as Array<{ n: number }>;
    const after = decodeCursor(page.after);
    if (after) {
      params.push(after.sort, after.id);
      where.push(`(j.started_at, j.id) < ($${params.length - 1}::timestamptz, $${params.length})`);
    }
    params.push(page.first + 1);
    const rows = (await this.dataSource.query(
      `SELECT j.* FROM cluster.jobs j JOIN cluster.clusters c ON c.id = j.cluster_id WHERE ${where.join(' AND ')} ORDER BY j.started_at DESC, j.id DESC LIMIT $${params.length}`,
      params,
    )) as Array<Record<string, unknown>>;
    const jobs = await Promise.all(rows.map((row) => this.jobViews.view(camel(row) as unknown as JobRow)));
    return toConnection(jobs, page.first, total[0]?.n ?? 0, (j) => ({ sort: (j.startedAt ?? new Date(0)).toISOString(), id: j.id }));
  }

  /** One job with its layers and tasks; live while it runs, pending before its workflow recorded it. */
  async job(caller: Caller, jobId: string): Promise<Job> {
    const row = await this.reads.job(jobId).catch(() => undefined);
    if (row) return this.jobViews.view(await this.access.job(caller, jobId));
    const accepted = await this.access.acceptedJob(caller, jobId);
    if (!accepted) throw new PitrixError('CLUSTER.JOB_NOT_FOUND', `Job ${jobId} does not exist`);
    return this.jobViews.accepted(jobId, accepted.clusterId, accepted.action, accepted.owner);
  }

  /** A cluster's events after a sequence number, oldest first. */
  async events(caller: Caller, clusterId: string, after: number, limit: number): Promise<StoredClusterEvent[]> {
    await this.access.cluster(caller, clusterId);
    return this.eventStore.eventsOf(clusterId, after, limit);
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
