import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Node health keeps how many times in a row the drone's health check last passed, as the drone
 * reports it: an upgrade's health gate waits for it to reach the check's healthy threshold.
 */
export class NodeHealthSuccesses1795600000002 implements MigrationInterface {
  name = 'NodeHealthSuccesses1795600000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE agents.node_health ADD COLUMN check_successes int`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE agents.node_health DROP COLUMN check_successes`);
  }
}
