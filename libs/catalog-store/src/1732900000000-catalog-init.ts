import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates the `catalog` schema: repos, repo events, apps, versions, audits and categories. */
export class CatalogInit1732900000000 implements MigrationInterface {
  name = 'CatalogInit1732900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS catalog`);
    await queryRunner.query(`
      CREATE TABLE catalog.categories (
        id text PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        owner text NOT NULL,
        owner_path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX categories_name ON catalog.categories (name)`);
    await queryRunner.query(`
      CREATE TABLE catalog.repos (
        id text PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        url text NOT NULL,
        visibility text NOT NULL CHECK (visibility IN ('public', 'private')),
        providers text[] NOT NULL DEFAULT '{}',
        labels jsonb NOT NULL DEFAULT '{}',
        selectors jsonb NOT NULL DEFAULT '{}',
        app_default_status text NOT NULL CHECK (app_default_status IN ('draft', 'active')),
        categories text[] NOT NULL DEFAULT '{}',
        credential_sealed jsonb,
        credential_key_id text,
        credential_fields text[] NOT NULL DEFAULT '{}',
        index_interval_seconds integer NOT NULL,
        status text NOT NULL DEFAULT 'active',
        last_indexed_at timestamptz,
        index_digest text,
        owner text NOT NULL,
        owner_path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX repos_owner_name ON catalog.repos (owner, name)`);
    await queryRunner.query(`
      CREATE TABLE catalog.repo_events (
        id text PRIMARY KEY,
        repo_id text NOT NULL REFERENCES catalog.repos (id) ON DELETE CASCADE,
        trigger text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'working', 'successful', 'failed')),
        error text,
        added integer NOT NULL DEFAULT 0,
        updated integer NOT NULL DEFAULT 0,
        removed integer NOT NULL DEFAULT 0,
        unchanged integer NOT NULL DEFAULT 0,
        failures jsonb NOT NULL DEFAULT '[]',
        workflow_id text,
        owner text NOT NULL,
        owner_path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    // At most one unfinished run per repo: the database refuses a second one.
    await queryRunner.query(`CREATE UNIQUE INDEX repo_events_one_unfinished ON catalog.repo_events (repo_id) WHERE status IN ('pending', 'working')`);
    await queryRunner.query(`CREATE INDEX repo_events_repo ON catalog.repo_events (repo_id, created_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE catalog.apps (
        id text PRIMARY KEY,
        repo_id text NOT NULL REFERENCES catalog.repos (id) ON DELETE CASCADE,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        home text,
        icon text,
        keywords text[] NOT NULL DEFAULT '{}',
        maintainers jsonb NOT NULL DEFAULT '[]',
        sources text[] NOT NULL DEFAULT '{}',
        latest_version text,
        status text NOT NULL,
        categories text[] NOT NULL DEFAULT '{}',
        owner text NOT NULL,
        owner_path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX apps_repo_name ON catalog.apps (repo_id, name)`);
    await queryRunner.query(`CREATE INDEX apps_name ON catalog.apps (name, id)`);
    await queryRunner.query(`
      CREATE TABLE catalog.app_versions (
        id text PRIMARY KEY,
        app_id text NOT NULL REFERENCES catalog.apps (id) ON DELETE CASCADE,
        repo_id text NOT NULL REFERENCES catalog.repos (id) ON DELETE CASCADE,
        name text NOT NULL,
        version text NOT NULL,
        app_version text,
        description text NOT NULL DEFAULT '',
        metadata jsonb NOT NULL DEFAULT '{}',
        package_path text NOT NULL,
        digest text NOT NULL,
        size integer NOT NULL,
        package_bytes bytea NOT NULL,
        status text NOT NULL,
        message text,
        deployment_count integer NOT NULL DEFAULT 0,
        source text NOT NULL CHECK (source IN ('index', 'upload')),
        owner text NOT NULL,
        owner_path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        status_time timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX app_versions_app_version ON catalog.app_versions (app_id, version)`);
    await queryRunner.query(`CREATE INDEX app_versions_repo ON catalog.app_versions (repo_id)`);
    await queryRunner.query(`
      CREATE TABLE catalog.version_audits (
        id text PRIMARY KEY,
        version_id text NOT NULL REFERENCES catalog.app_versions (id) ON DELETE CASCADE,
        app_id text NOT NULL,
        action text NOT NULL,
        actor text NOT NULL,
        role text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        message text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(`CREATE INDEX version_audits_version ON catalog.version_audits (version_id, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA catalog CASCADE`);
  }
}
