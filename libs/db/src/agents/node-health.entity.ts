import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Node health as the platform derives it from its drone's heartbeats and health reports. The
 * observation columns are what was seen; `state`, `reason` and `message` are derived from them
 * (by the agent monitor, again on every observation and sweep), never set by anyone else.
 */
@Entity({ schema: 'agents', name: 'node_health' })
export class NodeHealthEntity {
  @PrimaryColumn({ type: 'text', name: 'node_id' })
  nodeId!: string;

  @Column({ type: 'text', name: 'frontgate_id' })
  frontgateId!: string;

  @Column({ type: 'text', name: 'cluster_id' })
  clusterId!: string;

  /** healthy, unhealthy or unknown. */
  @Column({ type: 'text' })
  state!: string;

  /** Stable machine reason, e.g. HeartbeatMissing. */
  @Column({ type: 'text' })
  reason!: string;

  /** Human message, without times or counters that change on every observation. */
  @Column({ type: 'text' })
  message!: string;

  /** When `state` last changed (set by the table's trigger, which also announces the change). */
  @Column({ type: 'timestamptz', name: 'state_since' })
  stateSince!: Date;

  /** Time of the last observation (heartbeat or health report), on the platform's clock. */
  @Column({ type: 'timestamptz', name: 'observed_at', nullable: true })
  observedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'last_heartbeat_at', nullable: true })
  lastHeartbeatAt!: Date | null;

  @Column({ type: 'int', name: 'heartbeat_interval_ms', nullable: true })
  heartbeatIntervalMs!: number | null;

  @Column({ type: 'text', name: 'drone_version', nullable: true })
  droneVersion!: string | null;

  @Column({ type: 'bigint', name: 'metadata_revision', nullable: true })
  metadataRevision!: string | null;

  @Column({ type: 'text', name: 'render_error', nullable: true })
  renderError!: string | null;

  /** healthy, unhealthy or unknown, as the drone's health check last reported. */
  @Column({ type: 'text', name: 'check_status', nullable: true })
  checkStatus!: string | null;

  @Column({ type: 'timestamptz', name: 'check_observed_at', nullable: true })
  checkObservedAt!: Date | null;

  @Column({ type: 'int', name: 'check_interval_ms', nullable: true })
  checkIntervalMs!: number | null;

  @Column({ type: 'int', name: 'check_failures', nullable: true })
  checkFailures!: number | null;

  /** Consecutive passing checks, as the drone last reported (an upgrade's health gate reads it). */
  @Column({ type: 'int', name: 'check_successes', nullable: true })
  checkSuccesses!: number | null;

  @Column({ type: 'int', name: 'check_exit_code', nullable: true })
  checkExitCode!: number | null;
}
