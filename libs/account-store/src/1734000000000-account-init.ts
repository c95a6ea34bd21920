import type { MigrationInterface, QueryRunner } from 'typeorm';

// Frozen copy of the roles at the time of this migration (a later role needs a new migration).
const ROLES = `ARRAY['admin', 'developer', 'reviewer', 'user']::text[]`;

/**
 * Creates the `account` schema: users, groups and memberships, sessions, personal access tokens,
 * the login throttle and the security event log. Secrets (passwords, session ids, tokens) are
 * stored only as hashes.
 */
export class AccountInit1734000000000 implements MigrationInterface {
  name = 'AccountInit1734000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS account`);
    await queryRunner.query(`
      CREATE TABLE account.groups (
        id text PRIMARY KEY CHECK (id = 'grp-' || name),
        name text NOT NULL UNIQUE CHECK (name ~ '^[a-z][a-z0-9-]{1,39}$'),
        display_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE account.users (
        id text PRIMARY KEY,
        login text NOT NULL UNIQUE CHECK (login ~ '^[a-z][a-z0-9._-]{1,39}$'),
        display_name text NOT NULL,
        email text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        roles text[] NOT NULL DEFAULT '{}' CHECK (roles <@ ${ROLES}),
        primary_group_id text REFERENCES account.groups (id) ON DELETE SET NULL,
        password_hash text,
        oidc_issuer text,
        oidc_subject text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL)),
        UNIQUE (oidc_issuer, oidc_subject)
      )`);
    await queryRunner.query(`CREATE INDEX users_roles ON account.users USING gin (roles)`);
    await queryRunner.query(`
      CREATE TABLE account.memberships (
        group_id text NOT NULL REFERENCES account.groups (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES account.users (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role = ANY (${ROLES})),
        PRIMARY KEY (group_id, user_id)
      )`);
    await queryRunner.query(`CREATE INDEX memberships_user ON account.memberships (user_id)`);
    await queryRunner.query(`
      CREATE TABLE account.sessions (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES account.users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX sessions_user ON account.sessions (user_id)`);
    await queryRunner.query(`
      CREATE TABLE account.tokens (
        id text PRIMARY KEY,
        user_id text NOT NULL REFERENCES account.users (id) ON DELETE CASCADE,
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        scope text NOT NULL CHECK (scope IN ('read', 'full')),
        expires_at timestamptz,
        created_at timestamptz NOT NULL,
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX tokens_user ON account.tokens (user_id)`);
    await queryRunner.query(`
      CREATE TABLE account.login_throttle (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        last_failure_at timestamptz NOT NULL,
        blocked_until timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE account.security_events (
        id text PRIMARY KEY,
        at timestamptz NOT NULL,
        action text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('success', 'failure')),
        actor_id text,
        actor_login text,
        target text,
        source_address text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(`CREATE INDEX security_events_at ON account.security_events (at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX security_events_actor ON account.security_events (actor_id, at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA account CASCADE`);
  }
}
