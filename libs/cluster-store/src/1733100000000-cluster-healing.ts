import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clusters get their healing settings (`ClusterHealingSet` events): whether the resurrector heals
 * their nodes, and how long a node may be down first. A cluster without such an event heals,
 * after 60 s: healing is on by default.
 */
export class ClusterHealing1733100000000 implements MigrationInterface {
  name = 'ClusterHealing1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cluster.clusters ADD COLUMN heal_enabled boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE cluster.clusters ADD COLUMN heal_grace_seconds int NOT NULL DEFAULT 60`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cluster.clusters DROP COLUMN heal_grace_seconds`);
    await q.query(`ALTER TABLE cluster.clusters DROP COLUMN heal_enabled`);
  }
}
