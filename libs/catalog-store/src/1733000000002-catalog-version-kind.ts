import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adds `catalog.app_versions.kind`: what the version's archive is, a Pitrix package (`pitrix`,
 * every version stored before) or a Helm chart (`helm`). A chart's Chart.yaml fields are kept in
 * `metadata.chart`.
 */
export class CatalogVersionKind1733000000002 implements MigrationInterface {
  name = 'CatalogVersionKind1733000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE catalog.app_versions ADD COLUMN kind text NOT NULL DEFAULT 'pitrix' CONSTRAINT app_versions_kind CHECK (kind IN ('pitrix', 'helm'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE catalog.app_versions DROP COLUMN kind`);
  }
}
