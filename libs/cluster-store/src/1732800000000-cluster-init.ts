import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates the `cluster` schema: events, job specs, and the read models projected from events. */
export class ClusterInit1732800000000 implements MigrationInterface {
  name = 'ClusterInit1732800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS cluster`);
    await q.query(`
      CREATE TABLE cluster.events (
        sequence bigserial PRIMARY KEY,
        cluster_id text NOT NULL,
        event_key text NOT NULL UNIQUE,
        type text NOT NULL,
        payload jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX events_cluster ON cluster.events (cluster_id, sequence)`);
    await q.query(`
      CREATE TABLE cluster.job_specs (
        job_id text PRIMARY KEY,
        cluster_id text NOT NULL,
        operation jsonb NOT NULL,
        sealed jsonb NOT NULL,
        owner text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE cluster.clusters (
        id text PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL,
        app_id text NOT NULL,
        version_id text NOT NULL,
        runtime_id text NOT NULL,
        owner text NOT NULL,
        owner_path text NOT NULL,
        status text NOT NULL,
        transition_status text NOT NULL,
        status_reason text NOT NULL,
        status_message text NOT NULL,
        network_id text,
        frontgate_id text,
        frontgate_host text,
        metadata_revision bigint NOT NULL DEFAULT 0,
        last_job_id text,
        spec_job_id text,
        failed_job_id text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        last_sequence bigint NOT NULL
      )`);
    await q.query(`CREATE INDEX clusters_runtime ON cluster.clusters (runtime_id) WHERE status <> 'ceased'`);
    await q.query(`CREATE INDEX clusters_owner ON cluster.clusters (owner_path text_pattern_ops)`);
    await q.query(`CREATE INDEX clusters_app ON cluster.clusters (app_id)`);
    await q.query(`
      CREATE TABLE cluster.nodes (
        node_id text PRIMARY KEY,
        cluster_id text NOT NULL,
        role text NOT NULL,
        base_role text NOT NULL,
        server_id int NOT NULL,
        group_id int NOT NULL,
        instance_id text,
        private_ip text,
        volume_id text,
        cpu int NOT NULL,
        memory_mib int NOT NULL,
        gpu int NOT NULL,
        volume_size_gib int NOT NULL,
        status text NOT NULL,
        token text,
        pub_key text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX nodes_cluster ON cluster.nodes (cluster_id, base_role, server_id)`);
    await q.query(`
      CREATE TABLE cluster.roles (
        cluster_id text NOT NULL,
        role text NOT NULL,
        node_count int NOT NULL,
        cpu int NOT NULL,
        memory_mib int NOT NULL,
        volume_size_gib int NOT NULL,
        PRIMARY KEY (cluster_id, role)
      )`);
    await q.query(`
      CREATE TABLE cluster.endpoints (
        cluster_id text NOT NULL,
        name text NOT NULL,
        host text NOT NULL,
        port int NOT NULL,
        protocol text NOT NULL,
        PRIMARY KEY (cluster_id, name)
      )`);
    await q.query(`
      CREATE TABLE cluster.jobs (
        id text PRIMARY KEY,
        cluster_id text NOT NULL,
        action text NOT NULL,
        status text NOT NULL,
        workflow_id text NOT NULL,
        run_id text NOT NULL,
        owner text NOT NULL,
        previous_status text NOT NULL,
        rollback_status text,
        layers jsonb NOT NULL DEFAULT '[]',
        failed_task_id text,
        failure jsonb,
        retries int NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX jobs_cluster ON cluster.jobs (cluster_id, started_at)`);
    await q.query(`
      CREATE TABLE cluster.tasks (
        job_id text NOT NULL,
        task_id text NOT NULL,
        cluster_id text NOT NULL,
        layer int NOT NULL,
        type text NOT NULL,
        title text NOT NULL,
        node_id text,
        status text NOT NULL,
        attempts int NOT NULL,
        allowed_failure boolean NOT NULL DEFAULT false,
        rollback boolean NOT NULL DEFAULT false,
        failure jsonb,
        started_at timestamptz,
        finished_at timestamptz,
        PRIMARY KEY (job_id, task_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA cluster CASCADE`);
  }
}
