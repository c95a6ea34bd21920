import type { ClusterState, ClusterStatus, JobStatus, NodeState, TaskFailure, TaskStatus, TransitionStatus } from '@pitrix/cluster-model';
import { PitrixError } from '@pitrix/errors';
import type { DataSource } from 'typeorm';
import { nodeFromRow } from './projections/node-projection.js';

/** A cluster row of the read model. */
export interface ClusterRow {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly appId: string;
  readonly versionId: string;
  readonly runtimeId: string;
  readonly owner: string;
  readonly ownerPath: string;
  readonly status: ClusterStatus;
  readonly transitionStatus: TransitionStatus;
  readonly statusReason: string;
  readonly statusMessage: string;
  readonly networkId: string | null;
  readonly frontgateId: string | null;
  readonly frontgateHost: string | null;
  readonly metadataRevision: number;
  readonly lastJobId: string | null;
  /** The job whose spec holds the blueprint the cluster runs now. */
  readonly specJobId: string | null;
  readonly failedJobId: string | null;
  /** Whether the resurrector heals the cluster's nodes that are down. */
  readonly healEnabled: boolean;
  /** How long a node may be down before it is healed. */
  readonly healGraceSeconds: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A job row of the read model. */
export interface JobRow {
  readonly id: string;
  readonly clusterId: string;
  readonly action: string;
  readonly status: JobStatus;
  readonly workflowId: string;
  readonly runId: string;
  readonly owner: string;
  readonly previousStatus: ClusterStatus;
  readonly rollbackStatus: JobStatus | null;
  readonly layers: string[][];
  readonly failedTaskId: string | null;
  readonly failure: TaskFailure | null;
  readonly retries: number;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
}

/** A task row of the read model. */
export interface TaskRow {
  readonly jobId: string;
  readonly taskId: string;
  readonly layer: number;
  readonly type: string;
  readonly title: string;
  readonly nodeId: string | null;
  readonly status: TaskStatus;
  readonly attempts: number;
  readonly allowedFailure: boolean;
  readonly rollback: boolean;
  readonly failure: TaskFailure | null;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
}

/** A role of a cluster: how many nodes it has and their size. */
export interface RoleRow {
  readonly role: string;
  readonly nodeCount: number;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly volumeSizeGiB: number;
}

/** An endpoint of a cluster. */
export interface EndpointRow {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly protocol: string;
}

const camel = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([key, value]) => [key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), value]));

/** Reads of the cluster read models (for the API, and for planning inside activities). */
export class ClusterReadModel {
  constructor(private readonly dataSource: DataSource) {}

  /** A cluster, or `CLUSTER.NOT_FOUND`. */
  async cluster(id: string): Promise<ClusterRow> {
    const rows = (await this.dataSource.query(`SELECT * FROM cluster.clusters WHERE id = $1`, [id])) as Array<Record<string, unknown>>;
    if (!rows[0]) throw new PitrixError('CLUSTER.NOT_FOUND', `Cluster ${id} does not exist`);
    return camel(rows[0]) as unknown as ClusterRow;
  }

  /** A cluster's nodes (ordered by role, then server id). */
  async nodes(clusterId: string): Promise<NodeState[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM cluster.nodes WHERE cluster_id = $1 ORDER BY base_role, role, server_id`, [clusterId])) as Array<Record<string, unknown>>;
    return rows.map(nodeFromRow);
  }

  /** What the planner needs about a cluster. A cluster not created yet is `pending` with no nodes. */
  async state(clusterId: string, fallback: Omit<ClusterState, 'nodes' | 'status' | 'placement'>): Promise<ClusterState> {
    const rows = (await this.dataSource.query(`SELECT * FROM cluster.clusters WHERE id = $1`, [clusterId])) as Array<Record<string, unknown>>;
    if (!rows[0]) return { ...fallback, status: 'pending', placement: null, nodes: [] };
    const row = camel(rows[0]) as unknown as ClusterRow;
    const placement = row.networkId && row.frontgateId && row.frontgateHost ? { networkId: row.networkId, frontgateId: row.frontgateId, frontgateHost: row.frontgateHost } : null;
    return {
      clusterId,
      name: row.name,
      appId: row.appId,
      versionId: row.versionId,
      runtimeId: row.runtimeId,
      status: row.status,
      placement,
      nodes: await this.nodes(clusterId),
    };
  }

  /** A job, or `CLUSTER.JOB_NOT_FOUND`. */
  async job(jobId: string): Promise<JobRow> {
    const rows = (await this.dataSource.query(`SELECT * FROM cluster.jobs WHERE id = $1`, [jobId])) as Array<Record<string, unknown>>;
    if (!rows[0]) throw new PitrixError('CLUSTER.JOB_NOT_FOUND', `Job ${jobId} does not exist`);
    return camel(rows[0]) as unknown as JobRow;
  }

  /** The tasks of a job, in layer order. */
  async tasks(jobId: string): Promise<TaskRow[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM cluster.tasks WHERE job_id = $1 ORDER BY layer, task_id`, [jobId])) as Array<Record<string, unknown>>;
    return rows.map((row) => camel(row) as unknown as TaskRow);
  }

  /** A cluster's roles, by name. */
  async roles(clusterId: string): Promise<RoleRow[]> {
    return (await this.dataSource.query(
      `SELECT role, node_count AS "nodeCount", cpu, memory_mib AS "memoryMiB", volume_size_gib AS "volumeSizeGiB" FROM cluster.roles WHERE cluster_id = $1 ORDER BY role`,
      [clusterId],
    )) as RoleRow[];
  }

  /** A cluster's endpoints. */
  async endpoints(clusterId: string): Promise<EndpointRow[]> {
    return (await this.dataSource.query(`SELECT name, host, port, protocol FROM cluster.endpoints WHERE cluster_id = $1 ORDER BY name`, [clusterId])) as EndpointRow[];
  }

  /** How many clusters that are not ceased live on a runtime. */
  async clustersOnRuntime(runtimeId: string): Promise<number> {
    const rows = (await this.dataSource.query(`SELECT count(*)::int AS n FROM cluster.clusters WHERE runtime_id = $1 AND status <> 'ceased'`, [runtimeId])) as Array<{ n: number }>;
    return rows[0]?.n ?? 0;
  }

  /** Clusters that still have something running (not deleted, not ceased), with their runtime. */
  async liveClusters(): Promise<Array<{ id: string; runtimeId: string }>> {
    const rows = (await this.dataSource.query(`SELECT id, runtime_id FROM cluster.clusters WHERE status NOT IN ('deleted', 'ceased') ORDER BY id`)) as Array<{ id: string; runtime_id: string }>;
    return rows.map((row) => ({ id: row.id, runtimeId: row.runtime_id }));
  }

  /** The frontgates that clusters of a runtime were ever placed behind, ceased clusters included. */
  async frontgatesOfRuntime(runtimeId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT frontgate_id FROM cluster.clusters WHERE runtime_id = $1 AND frontgate_id IS NOT NULL ORDER BY frontgate_id`,
      [runtimeId],
    )) as Array<{ frontgate_id: string }>;
    return rows.map((row) => row.frontgate_id);
  }
}
