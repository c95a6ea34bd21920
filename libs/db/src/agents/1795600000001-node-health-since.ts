import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The channel a node health change is announced on, with `{"clusters": [clusterId]}` as payload. */
export const NODE_HEALTH_CHANNEL = 'pitrix_node_health';

/**
 * Node health gets `state_since` (when the state last changed) and an announcement of every
 * change. A trigger does both, so every writer of the table (the agent monitor, the release
 * watcher's projection) keeps them true without knowing of them.
 */
export class NodeHealthSince1795600000001 implements MigrationInterface {
  name = 'NodeHealthSince1795600000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE agents.node_health ADD COLUMN state_since timestamptz NOT NULL DEFAULT now()`);
    await queryRunner.query(`
      CREATE FUNCTION agents.node_health_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' OR NEW.state IS DISTINCT FROM OLD.state THEN
          NEW.state_since := now();
          PERFORM pg_notify('${NODE_HEALTH_CHANNEL}', json_build_object('clusters', json_build_array(NEW.cluster_id))::text);
        ELSIF NEW.reason IS DISTINCT FROM OLD.reason OR NEW.message IS DISTINCT FROM OLD.message THEN
          PERFORM pg_notify('${NODE_HEALTH_CHANNEL}', json_build_object('clusters', json_build_array(NEW.cluster_id))::text);
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER node_health_changed BEFORE INSERT OR UPDATE ON agents.node_health
        FOR EACH ROW EXECUTE FUNCTION agents.node_health_changed()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER node_health_changed ON agents.node_health`);
    await queryRunner.query(`DROP FUNCTION agents.node_health_changed()`);
    await queryRunner.query(`ALTER TABLE agents.node_health DROP COLUMN state_since`);
  }
}
