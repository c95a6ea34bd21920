import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates the `system` schema and the walking-skeleton table. */
export class SystemInit1732600000000 implements MigrationInterface {
  name = 'SystemInit1732600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS system`);
    await queryRunner.query(`
      CREATE TABLE system.skeleton_runs (
        run_id text PRIMARY KEY,
        workflow_id text NOT NULL,
        message text NOT NULL,
        attempt int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE system.skeleton_runs`);
  }
}
