import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates the `agents` schema: node and frontgate health, derived from what the agents report. */
export class AgentsInit1795600000000 implements MigrationInterface {
  name = 'AgentsInit1795600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS agents`);
    await queryRunner.query(`
      CREATE TABLE agents.node_health (
        node_id text PRIMARY KEY,
        frontgate_id text NOT NULL,
        cluster_id text NOT NULL,
        state text NOT NULL,
        reason text NOT NULL,
        message text NOT NULL,
        observed_at timestamptz,
        last_heartbeat_at timestamptz,
        heartbeat_interval_ms int,
        drone_version text,
        metadata_revision bigint,
        render_error text,
        check_status text,
        check_observed_at timestamptz,
        check_interval_ms int,
        check_failures int,
        check_exit_code int
      )`);
    await queryRunner.query(`CREATE INDEX node_health_cluster ON agents.node_health (cluster_id)`);
    await queryRunner.query(`
      CREATE TABLE agents.frontgate_health (
        frontgate_id text PRIMARY KEY,
        state text NOT NULL,
        reason text NOT NULL,
        message text NOT NULL,
        observed_at timestamptz,
        status_interval_ms int,
        frontgate_version text,
        nats_server_version text,
        connected_drones int,
        registered_drones int,
        server_restarts int
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE agents.frontgate_health`);
    await queryRunner.query(`DROP TABLE agents.node_health`);
  }
}
