import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monitor samples: one row per item per report of a node's monitor command, kept for
 * `PITRIX_MONITOR_RETENTION_HOURS`. Reads go by cluster or by node, always for some items over a
 * time range, hence the two indexes; nothing updates a row, so the table has no key.
 */
export class MonitorSamples1795600000003 implements MigrationInterface {
  name = 'MonitorSamples1795600000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE agents.monitor_samples (
        cluster_id text NOT NULL,
        node_id text NOT NULL,
        role text,
        item text NOT NULL,
        collected_at timestamptz NOT NULL,
        value_number double precision,
        value_text text,
        CONSTRAINT monitor_samples_one_value CHECK ((value_number IS NULL) <> (value_text IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX monitor_samples_cluster ON agents.monitor_samples (cluster_id, item, collected_at)`);
    await queryRunner.query(`CREATE INDEX monitor_samples_node ON agents.monitor_samples (node_id, item, collected_at)`);
    // The retention sweep deletes by age alone.
    await queryRunner.query(`CREATE INDEX monitor_samples_age ON agents.monitor_samples (collected_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE agents.monitor_samples`);
  }
}
