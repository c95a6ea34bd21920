import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A runtime's healing: its meltdown limits, the state the resurrector last saw (healing or
 * meltdown, with how many nodes were down), an admin's release, and the events of each change.
 */
export class RuntimeHealing1732700000001 implements MigrationInterface {
  name = 'RuntimeHealing1732700000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE runtime.healing (
        runtime_id text PRIMARY KEY,
        meltdown_percent int,
        meltdown_nodes int,
        state text NOT NULL DEFAULT 'healing',
        down_nodes int NOT NULL DEFAULT 0,
        total_nodes int NOT NULL DEFAULT 0,
        state_since timestamptz NOT NULL DEFAULT now(),
        released_by text,
        released_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE runtime.healing_events (
        id bigserial PRIMARY KEY,
        runtime_id text NOT NULL,
        kind text NOT NULL,
        down_nodes int NOT NULL,
        total_nodes int NOT NULL,
        message text NOT NULL,
        actor text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX healing_events_runtime ON runtime.healing_events (runtime_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE runtime.healing_events`);
    await q.query(`DROP TABLE runtime.healing`);
  }
}
