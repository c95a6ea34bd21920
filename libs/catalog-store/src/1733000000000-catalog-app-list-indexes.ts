import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For the app list: indexes for its filters and sorts (status, categories, the owner-path prefix
 * a non-admin caller's visibility checks), and a notification on `catalog_apps_changed` after
 * every committed statement that changes apps or repos (whose visibility decides who sees an
 * app), so readers that cache list pages learn of writes made by any process.
 */
export class CatalogAppListIndexes1733000000000 implements MigrationInterface {
  name = 'CatalogAppListIndexes1733000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX apps_status_name ON catalog.apps (status, name, id)`);
    await queryRunner.query(`CREATE INDEX apps_categories ON catalog.apps USING gin (categories)`);
    await queryRunner.query(`CREATE INDEX apps_owner_path ON catalog.apps (owner_path text_pattern_ops)`);
    await queryRunner.query(`
      CREATE FUNCTION catalog.notify_apps_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('catalog_apps_changed', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER apps_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalog.apps FOR EACH STATEMENT EXECUTE FUNCTION catalog.notify_apps_changed()`);
    await queryRunner.query(`CREATE TRIGGER repos_changed AFTER UPDATE OR DELETE OR TRUNCATE ON catalog.repos FOR EACH STATEMENT EXECUTE FUNCTION catalog.notify_apps_changed()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER repos_changed ON catalog.repos`);
    await queryRunner.query(`DROP TRIGGER apps_changed ON catalog.apps`);
    await queryRunner.query(`DROP FUNCTION catalog.notify_apps_changed()`);
    await queryRunner.query(`DROP INDEX catalog.apps_owner_path`);
    await queryRunner.query(`DROP INDEX catalog.apps_categories`);
    await queryRunner.query(`DROP INDEX catalog.apps_status_name`);
  }
}
