import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A frontgate's status names the nodes whose drones are connected to it: the resurrector heals a
 * silent node only when its drone is gone from its network, not when heartbeats were lost on the way.
 */
export class FrontgateConnectedNodes1795600000004 implements MigrationInterface {
  name = 'FrontgateConnectedNodes1795600000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE agents.frontgate_health ADD COLUMN connected_node_ids text[] NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE agents.frontgate_health DROP COLUMN connected_node_ids`);
  }
}
