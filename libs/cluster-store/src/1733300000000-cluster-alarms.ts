import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alarm rules set by a cluster's owner on its monitor items, and each rule's state per node (how
 * many samples in a row met the condition, whether the alarm is raised, the last sample judged).
 * They are settings and evaluator state, not projections of the event log: a rebuild of the read
 * models leaves them alone, and no foreign key ties them to the rebuilt `cluster.clusters`.
 */
export class ClusterAlarms1733300000000 implements MigrationInterface {
  name = 'ClusterAlarms1733300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cluster.alarm_rules (
        id text PRIMARY KEY,
        cluster_id text NOT NULL,
        item text NOT NULL,
        role text,
        condition text NOT NULL CHECK (condition IN ('GT', 'GTE', 'LT', 'LTE')),
        threshold double precision NOT NULL,
        consecutive int NOT NULL CHECK (consecutive BETWEEN 1 AND 100),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX alarm_rules_cluster ON cluster.alarm_rules (cluster_id)`);
    await q.query(`
      CREATE TABLE cluster.alarm_states (
        rule_id text NOT NULL REFERENCES cluster.alarm_rules (id) ON DELETE CASCADE,
        node_id text NOT NULL,
        met_in_a_row int NOT NULL,
        active boolean NOT NULL,
        last_value double precision,
        last_sample_at timestamptz NOT NULL,
        PRIMARY KEY (rule_id, node_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cluster.alarm_states`);
    await q.query(`DROP TABLE cluster.alarm_rules`);
  }
}
