import type { FrontgateStatus, Heartbeat, HealthReport } from '@pitrix/agent-protocol';
import { HealthStatus } from '@pitrix/agent-protocol';
import { FrontgateHealthEntity, NodeHealthEntity } from '@pitrix/db';
import { In, type DataSource } from 'typeorm';
import { deriveFrontgateHealth, deriveNodeHealth, type DerivedHealth, type HealthState } from './derive-health.js';

/** A node's health as read: derived at the time of reading from what was observed. */
export interface NodeHealthView extends DerivedHealth {
  readonly nodeId: string;
  readonly clusterId: string;
  readonly frontgateId: string;
}

/** What a node's drone last reported of its health check, as recorded (nothing derived). */
export interface HealthCheckObservation {
  readonly nodeId: string;
  /** healthy, unhealthy or unknown (within the thresholds), as the drone's check last said. */
  readonly status: string;
  /** When the platform received the report. */
  readonly observedAt: Date;
  readonly consecutiveSuccesses: number;
  readonly consecutiveFailures: number;
  readonly lastExitCode: number | null;
}

/** A frontgate's health as read: derived at the time of reading. */
export interface FrontgateHealthView extends DerivedHealth {
  readonly frontgateId: string;
}

const CHECK_STATUS: Record<number, HealthState> = { [HealthStatus.HEALTHY]: 'healthy', [HealthStatus.UNHEALTHY]: 'unhealthy' };

function nodeHealthOf(row: NodeHealthEntity, now: Date): DerivedHealth {
  return deriveNodeHealth(
    {
      lastHeartbeatAt: row.lastHeartbeatAt,
      heartbeatIntervalMs: row.heartbeatIntervalMs,
      check: row.checkStatus && row.checkObservedAt ? { status: row.checkStatus as HealthState, observedAt: row.checkObservedAt, intervalMs: row.checkIntervalMs ?? 0 } : null,
    },
    now,
  );
}

function frontgateHealthOf(row: FrontgateHealthEntity, now: Date): DerivedHealth {
  return deriveFrontgateHealth({ lastStatusAt: row.observedAt, statusIntervalMs: row.statusIntervalMs }, now);
}

function differs(row: { state: string; reason: string; message: string; observedAt: Date | null }, derived: DerivedHealth): boolean {
  return row.state !== derived.state || row.reason !== derived.reason || row.message !== derived.message || row.observedAt?.getTime() !== derived.observedAt?.getTime();
}

/**
 * The health projection in PostgreSQL (schema `agents`): records what the agents report, on the
 * platform's clock, and stores the state derived from it. Reads derive again at read time, so a
 * reader never sees a state older than the observations allow.
 */
export class HealthProjection {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a heartbeat received at `at`. */
  async recordHeartbeat(beat: Heartbeat, at: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO agents.node_health (node_id, frontgate_id, cluster_id, state, reason, message, last_heartbeat_at, heartbeat_interval_ms, drone_version, metadata_revision, render_error)
       VALUES ($1, $2, $3, 'unknown', 'NeverSeen', '', $4, $5, $6, $7, $8)
       ON CONFLICT (node_id) DO UPDATE SET frontgate_id = excluded.frontgate_id, cluster_id = excluded.cluster_id,
         last_heartbeat_at = GREATEST(agents.node_health.last_heartbeat_at, excluded.last_heartbeat_at),
         heartbeat_interval_ms = excluded.heartbeat_interval_ms, drone_version = excluded.drone_version,
         metadata_revision = excluded.metadata_revision, render_error = excluded.render_error`,
      [beat.nodeId, beat.frontgateId, beat.clusterId, at, beat.intervalMs, beat.droneVersion, String(beat.metadataRevision), beat.renderError || null],
    );
    await this.rederiveNode(beat.nodeId, at);
  }

  /** Records a health report received at `at`. */
  async recordHealthReport(report: HealthReport, at: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO agents.node_health (node_id, frontgate_id, cluster_id, state, reason, message, check_status, check_observed_at, check_interval_ms, check_failures, check_successes, check_exit_code)
       VALUES ($1, $2, $3, 'unknown', 'NeverSeen', '', $4, $5, $6, $7, $8, $9)
       ON CONFLICT (node_id) DO UPDATE SET check_status = excluded.check_status, check_observed_at = excluded.check_observed_at,
         check_interval_ms = excluded.check_interval_ms, check_failures = excluded.check_failures, check_successes = excluded.check_successes,
         check_exit_code = excluded.check_exit_code
       WHERE agents.node_health.check_observed_at IS NULL OR agents.node_health.check_observed_at <= excluded.check_observed_at`,
      [report.nodeId, report.frontgateId, report.clusterId, CHECK_STATUS[report.status] ?? 'unknown', at, report.intervalMs, report.consecutiveFailures, report.consecutiveSuccesses, report.lastExitCode],
    );
    await this.rederiveNode(report.nodeId, at);
  }

  /** Records a frontgate status received at `at`. */
  async recordFrontgateStatus(status: FrontgateStatus, at: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO agents.frontgate_health (frontgate_id, state, reason, message, observed_at, status_interval_ms, frontgate_version, nats_server_version, connected_drones, registered_drones, server_restarts, connected_node_ids)
       VALUES ($1, 'unknown', 'NeverSeen', '', $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (frontgate_id) DO UPDATE SET observed_at = GREATEST(agents.frontgate_health.observed_at, excluded.observed_at),
         status_interval_ms = excluded.status_interval_ms, frontgate_version = excluded.frontgate_version, nats_server_version = excluded.nats_server_version,
         connected_drones = excluded.connected_drones, registered_drones = excluded.registered_drones, server_restarts = excluded.server_restarts,
         connected_node_ids = excluded.connected_node_ids`,
      [status.frontgateId, at, status.intervalMs, status.frontgateVersion, status.natsServerVersion, status.connectedDrones, status.registeredDrones, status.serverRestarts, status.connectedNodeIds],
    );
    const row = await this.dataSource.getRepository(FrontgateHealthEntity).findOneBy({ frontgateId: status.frontgateId });
    if (row) await this.store(FrontgateHealthEntity, { frontgateId: row.frontgateId }, row, frontgateHealthOf(row, at));
  }

  /** Derives every stored state again as of `now` (nodes and frontgates that went silent turn unknown); returns how many changed. */
  async sweep(now: Date): Promise<number> {
    let changed = 0;
    for (const row of await this.dataSource.getRepository(NodeHealthEntity).find()) {
      if (await this.store(NodeHealthEntity, { nodeId: row.nodeId }, row, nodeHealthOf(row, now))) changed++;
    }
    for (const row of await this.dataSource.getRepository(FrontgateHealthEntity).find()) {
      if (await this.store(FrontgateHealthEntity, { frontgateId: row.frontgateId }, row, frontgateHealthOf(row, now))) changed++;
    }
    return changed;
  }

  /** The health of the given nodes (all when omitted), derived as of `now`. */
  async nodeHealth(nodeIds?: readonly string[], now = new Date()): Promise<NodeHealthView[]> {
    const rows = await this.dataSource.getRepository(NodeHealthEntity).find(nodeIds ? { where: { nodeId: In([...nodeIds]) } } : {});
    return rows.map((row) => ({ nodeId: row.nodeId, clusterId: row.clusterId, frontgateId: row.frontgateId, ...nodeHealthOf(row, now) }));
  }

  /** The last health check report of each given node that has one (nodes never checked are left out). */
  async lastHealthChecks(nodeIds: readonly string[]): Promise<HealthCheckObservation[]> {
    const rows = await this.dataSource.getRepository(NodeHealthEntity).find({ where: { nodeId: In([...nodeIds]) } });
    return rows.flatMap((row) =>
      row.checkStatus && row.checkObservedAt
        ? [{
            nodeId: row.nodeId,
            status: row.checkStatus,
            observedAt: row.checkObservedAt,
            consecutiveSuccesses: row.checkSuccesses ?? 0,
            consecutiveFailures: row.checkFailures ?? 0,
            lastExitCode: row.checkExitCode,
          }]
        : [],
    );
  }

  /** The health of the given frontgates (all when omitted), derived as of `now`. */
  async frontgateHealth(frontgateIds?: readonly string[], now = new Date()): Promise<FrontgateHealthView[]> {
    const rows = await this.dataSource.getRepository(FrontgateHealthEntity).find(frontgateIds ? { where: { frontgateId: In([...frontgateIds]) } } : {});
    return rows.map((row) => ({ frontgateId: row.frontgateId, ...frontgateHealthOf(row, now) }));
  }

  private async rederiveNode(nodeId: string, now: Date): Promise<void> {
    const row = await this.dataSource.getRepository(NodeHealthEntity).findOneBy({ nodeId });
    if (row) await this.store(NodeHealthEntity, { nodeId }, row, nodeHealthOf(row, now));
  }

  private async store<E extends NodeHealthEntity | FrontgateHealthEntity>(entity: new () => E, key: Partial<E>, row: E, derived: DerivedHealth): Promise<boolean> {
    if (!differs(row, derived)) return false;
    const { state, reason, message, observedAt } = derived;
    await this.dataSource.getRepository(entity).update(key as never, { state, reason, message, observedAt } as never);
    return true;
  }
}
