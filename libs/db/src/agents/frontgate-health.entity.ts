import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A frontgate's health as the platform derives it from the status reports it sends through its
 * leaf connection. Observation columns are what was seen; `state`, `reason` and `message` are
 * derived from them by the agent monitor.
 */
@Entity({ schema: 'agents', name: 'frontgate_health' })
export class FrontgateHealthEntity {
  @PrimaryColumn({ type: 'text', name: 'frontgate_id' })
  frontgateId!: string;

  /** healthy, unhealthy or unknown. */
  @Column({ type: 'text' })
  state!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text' })
  message!: string;

  /** Time of the last status report, on the platform's clock. */
  @Column({ type: 'timestamptz', name: 'observed_at', nullable: true })
  observedAt!: Date | null;

  @Column({ type: 'int', name: 'status_interval_ms', nullable: true })
  statusIntervalMs!: number | null;

  @Column({ type: 'text', name: 'frontgate_version', nullable: true })
  frontgateVersion!: string | null;

  @Column({ type: 'text', name: 'nats_server_version', nullable: true })
  natsServerVersion!: string | null;

  @Column({ type: 'int', name: 'connected_drones', nullable: true })
  connectedDrones!: number | null;

  /** Nodes whose drones were connected at the last status. */
  @Column({ type: 'text', array: true, name: 'connected_node_ids', default: () => "'{}'" })
  connectedNodeIds!: string[];

  @Column({ type: 'int', name: 'registered_drones', nullable: true })
  registeredDrones!: number | null;

  @Column({ type: 'int', name: 'server_restarts', nullable: true })
  serverRestarts!: number | null;
}
