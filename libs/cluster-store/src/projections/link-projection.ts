import type { StoredClusterEvent } from '@pitrix/cluster-model';
import type { EntityManager } from 'typeorm';

/** Projects `ClusterLinksSet` onto `cluster.cluster_links`: the new set replaces the cluster's links. */
export async function projectLinks(manager: EntityManager, stored: StoredClusterEvent): Promise<void> {
  if (stored.event.type !== 'ClusterLinksSet') return;
  await manager.query(`DELETE FROM cluster.cluster_links WHERE cluster_id = $1`, [stored.clusterId]);
  for (const [alias, target] of Object.entries(stored.event.links).sort(([a], [b]) => a.localeCompare(b))) {
    await manager.query(`INSERT INTO cluster.cluster_links (cluster_id, alias, target_cluster_id) VALUES ($1, $2, $3)`, [stored.clusterId, alias, target]);
  }
}
