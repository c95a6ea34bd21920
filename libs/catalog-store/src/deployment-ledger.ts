import type { DataSource, EntityManager } from 'typeorm';

/**
 * Which clusters use which versions, for the indexer's rule "remove a vanished version only when
 * it was never deployed". A record is keyed by (cluster, version), so recording twice is one
 * record; a record stops counting when its cluster is `ceased` in the cluster read model
 * (`cluster.clusters`), which is read, not copied, so nothing has to be told about a cease.
 * `app_versions.deployment_count` is recomputed from the records, never incremented.
 */
export class DeploymentLedger {
  private clusterSchema: Promise<boolean> | undefined;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records that `clusterId` runs (or is being created or upgraded with) `versionId`. Idempotent;
   * true when this call wrote the record (only such a record may be taken back with `forget`).
   */
  async record(clusterId: string, versionId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(`INSERT INTO catalog.deployments (cluster_id, version_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING cluster_id`, [clusterId, versionId])) as unknown[];
      await this.refreshVersions(manager, [versionId]);
      return inserted.length > 0;
    });
  }

  /** Drops a record whose cluster never came to be (its job was not accepted). Idempotent. */
  async forget(clusterId: string, versionId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM catalog.deployments WHERE cluster_id = $1 AND version_id = $2`, [clusterId, versionId]);
      await this.refreshVersions(manager, [versionId]);
    });
  }

  /** Recomputes `deployment_count` of a repo's versions from the records and the clusters' status. */
  async refreshRepo(manager: EntityManager, repoId: string): Promise<void> {
    await manager.query(`UPDATE catalog.app_versions v SET deployment_count = ${await this.liveCount()} WHERE v.repo_id = $1`, [repoId]);
  }

  /** Deletes the records of ceased clusters for these versions, so the versions can be removed. */
  async dropReleased(manager: EntityManager, versionIds: readonly string[]): Promise<void> {
    if (versionIds.length === 0 || !(await this.hasClusterSchema())) return;
    await manager.query(
      `DELETE FROM catalog.deployments d WHERE d.version_id = ANY($1) AND EXISTS (SELECT 1 FROM cluster.clusters c WHERE c.id = d.cluster_id AND c.status = 'ceased')`,
      [versionIds],
    );
  }

  /** Deletes the records of ceased clusters for a repo's versions, before the repo is deleted. */
  async dropReleasedOfRepo(manager: EntityManager, repoId: string): Promise<void> {
    const rows = (await manager.query(`SELECT id FROM catalog.app_versions WHERE repo_id = $1`, [repoId])) as Array<{ id: string }>;
    await this.dropReleased(manager, rows.map((row) => row.id));
  }

  private async refreshVersions(manager: EntityManager, versionIds: readonly string[]): Promise<void> {
    await manager.query(`UPDATE catalog.app_versions v SET deployment_count = ${await this.liveCount()} WHERE v.id = ANY($1)`, [versionIds]);
  }

  /** SQL counting the live records of version `v`. */
  private async liveCount(): Promise<string> {
    const notCeased = (await this.hasClusterSchema())
      ? ` AND NOT EXISTS (SELECT 1 FROM cluster.clusters c WHERE c.id = d.cluster_id AND c.status = 'ceased')`
      : '';
    return `(SELECT count(*)::int FROM catalog.deployments d WHERE d.version_id = v.id${notCeased})`;
  }

  /** The catalog may run without the cluster module's schema (its own tests); then no cluster is ceased. */
  private hasClusterSchema(): Promise<boolean> {
    this.clusterSchema ??= this.dataSource
      .query(`SELECT to_regclass('cluster.clusters') IS NOT NULL AS present`)
      .then((rows: [{ present: boolean }]) => rows[0].present);
    return this.clusterSchema;
  }
}
