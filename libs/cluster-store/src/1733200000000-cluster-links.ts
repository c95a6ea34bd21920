import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Links between clusters (`ClusterLinksSet` events): which cluster a cluster's alias names. A
 * cluster that live clusters link to cannot be deleted without `force` (the index on the target
 * answers that question); rows stay when either cluster is deleted, so the history reads true.
 */
export class ClusterLinks1733200000000 implements MigrationInterface {
  name = 'ClusterLinks1733200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cluster.cluster_links (
        cluster_id text NOT NULL,
        alias text NOT NULL,
        target_cluster_id text NOT NULL,
        PRIMARY KEY (cluster_id, alias)
      )`);
    await q.query(`CREATE INDEX cluster_links_target_idx ON cluster.cluster_links (target_cluster_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cluster.cluster_links`);
  }
}
