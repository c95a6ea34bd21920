import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates the `runtime` schema: credentials (sealed) and runtimes. */
export class RuntimeInit1732700000000 implements MigrationInterface {
  name = 'RuntimeInit1732700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS runtime`);
    await queryRunner.query(`
      CREATE TABLE runtime.credentials (
        id text PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        provider text NOT NULL,
        endpoint text,
        sealed jsonb NOT NULL,
        key_id text NOT NULL,
        secret_fields text[] NOT NULL,
        owner text NOT NULL,
        owner_path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX credentials_owner_name ON runtime.credentials (owner, name)`);
    await queryRunner.query(`
      CREATE TABLE runtime.runtimes (
        id text PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        provider text NOT NULL,
        zone text NOT NULL,
        credential_id text REFERENCES runtime.credentials (id),
        labels jsonb NOT NULL DEFAULT '{}',
        options jsonb NOT NULL DEFAULT '{}',
        owner text NOT NULL,
        owner_path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX runtimes_owner_name ON runtime.runtimes (owner, name)`);
    await queryRunner.query(`CREATE INDEX runtimes_labels ON runtime.runtimes USING gin (labels)`);
    await queryRunner.query(`CREATE INDEX runtimes_credential ON runtime.runtimes (credential_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA runtime CASCADE`);
  }
}
