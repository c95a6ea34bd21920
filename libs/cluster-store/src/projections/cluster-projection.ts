import type { ClusterEvent, StoredClusterEvent } from '@pitrix/cluster-model';
import type { EntityManager } from 'typeorm';

type Stored<T extends ClusterEvent['type']> = StoredClusterEvent & { event: Extract<ClusterEvent, { type: T }> };

/** Projects cluster-level events onto `cluster.clusters` and `cluster.endpoints`. */
export async function projectCluster(manager: EntityManager, stored: StoredClusterEvent): Promise<void> {
  const { event } = stored;
  switch (event.type) {
    case 'ClusterCreated':
      return created(manager, stored as Stored<'ClusterCreated'>);
    case 'ClusterStatusChanged':
      return update(manager, stored, {
        status: event.status,
        transition_status: event.transitionStatus,
        status_reason: event.reason,
        status_message: event.message,
      });
    case 'ClusterPlaced':
      return update(manager, stored, { network_id: event.networkId, frontgate_id: event.frontgateId, frontgate_host: event.frontgateHost });
    case 'ClusterVersionChanged':
      return update(manager, stored, { version_id: event.versionId });
    case 'ClusterHealingSet':
      return update(manager, stored, { heal_enabled: event.enabled, heal_grace_seconds: event.graceSeconds });
    case 'ClusterMetadataWritten':
      return update(manager, stored, { metadata_revision: event.revision });
    case 'ClusterEndpointsChanged':
      await manager.query(`DELETE FROM cluster.endpoints WHERE cluster_id = $1`, [stored.clusterId]);
      for (const [name, endpoint] of Object.entries(event.endpoints).sort(([a], [b]) => a.localeCompare(b))) {
        await manager.query(`INSERT INTO cluster.endpoints (cluster_id, name, host, port, protocol) VALUES ($1, $2, $3, $4, $5)`, [
          stored.clusterId,
          name,
          endpoint.host,
          endpoint.port,
          endpoint.protocol,
        ]);
      }
      return update(manager, stored, {});
    default:
      return undefined;
  }
}

async function created(manager: EntityManager, stored: Stored<'ClusterCreated'>): Promise<void> {
  const e = stored.event;
  await manager.query(
    `INSERT INTO cluster.clusters (id, name, description, app_id, version_id, runtime_id, owner, owner_path, status, transition_status,
       status_reason, status_message, created_at, updated_at, last_sequence)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 'creating', 'Created', '', $9, $9, $10)`,
    [stored.clusterId, e.name, e.description, e.appId, e.versionId, e.runtimeId, e.owner, e.ownerPath, stored.recordedAt, stored.sequence],
  );
}

/** Sets columns of the cluster row and moves its `updated_at` and `last_sequence` to this event. */
export async function update(manager: EntityManager, stored: StoredClusterEvent, columns: Record<string, unknown>): Promise<void> {
  const names = Object.keys(columns);
  const assignments = names.map((name, index) => `${name} = $${index + 4}`);
  await manager.query(
    `UPDATE cluster.clusters SET ${[...assignments, 'updated_at = $2', 'last_sequence = $3'].join(', ')} WHERE id = $1`,
    [stored.clusterId, stored.recordedAt, stored.sequence, ...names.map((name) => columns[name])],
  );
}
