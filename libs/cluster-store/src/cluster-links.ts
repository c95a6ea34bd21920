import type { DataSource } from 'typeorm';

/** One link: cluster `clusterId` names cluster `targetClusterId` as `alias`. */
export interface ClusterLinkRow {
  readonly clusterId: string;
  readonly alias: string;
  readonly targetClusterId: string;
}

/** Reads of `cluster.cluster_links` (the projection of `ClusterLinksSet` events). */
export class ClusterLinks {
  constructor(private readonly dataSource: DataSource) {}

  /** The links of a cluster, by alias. */
  async linksOf(clusterId: string): Promise<ClusterLinkRow[]> {
    return this.rows(`SELECT cluster_id, alias, target_cluster_id FROM cluster.cluster_links WHERE cluster_id = $1 ORDER BY alias`, [clusterId]);
  }

  /**
   * The links that name a cluster, from clusters that still live (not deleted, not ceased): the
   * ones that keep it from being deleted without `force`. Ordered by linking cluster and alias.
   */
  async liveLinksTo(targetClusterId: string): Promise<ClusterLinkRow[]> {
    return this.rows(
      `SELECT l.cluster_id, l.alias, l.target_cluster_id FROM cluster.cluster_links l JOIN cluster.clusters c ON c.id = l.cluster_id
       WHERE l.target_cluster_id = $1 AND l.cluster_id <> $1 AND c.status NOT IN ('deleted', 'ceased') ORDER BY l.cluster_id, l.alias`,
      [targetClusterId],
    );
  }

  private async rows(sql: string, params: unknown[]): Promise<ClusterLinkRow[]> {
    const rows = (await this.dataSource.query(sql, params)) as Array<{ cluster_id: string; alias: string; target_cluster_id: string }>;
    return rows.map((row) => ({ clusterId: row.cluster_id, alias: row.alias, targetClusterId: row.target_cluster_id }));
  }
}
