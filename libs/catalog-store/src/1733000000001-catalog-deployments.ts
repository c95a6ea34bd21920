import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adds `catalog.deployments`: one row per (cluster, version) a cluster was created or upgraded
 * with. `app_versions.deployment_count` becomes a count recomputed from these rows, never
 * incremented, so retried requests cannot make it drift.
 */
export class CatalogDeployments1733000000001 implements MigrationInterface {
  name = 'CatalogDeployments1733000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    // No cascade: removing a version that a live record still names must fail, not drop the record.
    await queryRunner.query(`
      CREATE TABLE catalog.deployments (
        cluster_id text NOT NULL,
        version_id text NOT NULL REFERENCES catalog.app_versions (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cluster_id, version_id)
      )`);
    await queryRunner.query(`CREATE INDEX deployments_version ON catalog.deployments (version_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE catalog.deployments`);
  }
}
