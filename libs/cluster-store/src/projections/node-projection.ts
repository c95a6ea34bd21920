import type { NodeState, StoredClusterEvent } from '@pitrix/cluster-model';
import type { EntityManager } from 'typeorm';

const COLUMNS: Record<keyof Omit<NodeState, 'nodeId'>, string> = {
  role: 'role',
  baseRole: 'base_role',
  serverId: 'server_id',
  groupId: 'group_id',
  instanceId: 'instance_id',
  privateIp: 'private_ip',
  volumeId: 'volume_id',
  cpu: 'cpu',
  memoryMiB: 'memory_mib',
  gpu: 'gpu',
  volumeSizeGiB: 'volume_size_gib',
  status: 'status',
  token: 'token',
  pubKey: 'pub_key',
};

/** Projects node events onto `cluster.nodes`, keeping `cluster.roles` in step. */
export async function projectNode(manager: EntityManager, stored: StoredClusterEvent): Promise<void> {
  const { event } = stored;
  if (event.type === 'NodeAdded') {
    const node = event.node;
    const keys = Object.keys(COLUMNS) as Array<keyof typeof COLUMNS>;
    await manager.query(
      `INSERT INTO cluster.nodes (node_id, cluster_id, ${keys.map((k) => COLUMNS[k]).join(', ')}, created_at, updated_at)
       VALUES ($1, $2, ${keys.map((_, i) => `$${i + 3}`).join(', ')}, $${keys.length + 3}, $${keys.length + 3})
       ON CONFLICT (node_id) DO NOTHING`,
      [node.nodeId, stored.clusterId, ...keys.map((k) => node[k]), stored.recordedAt],
    );
  } else if (event.type === 'NodeChanged') {
    const keys = (Object.keys(event.changes) as Array<keyof typeof COLUMNS>).filter((k) => k in COLUMNS);
    if (keys.length === 0) return;
    await manager.query(
      `UPDATE cluster.nodes SET ${keys.map((k, i) => `${COLUMNS[k]} = $${i + 3}`).join(', ')}, updated_at = $2 WHERE node_id = $1`,
      [event.nodeId, stored.recordedAt, ...keys.map((k) => event.changes[k])],
    );
  } else if (event.type === 'NodeRemoved') {
    await manager.query(`DELETE FROM cluster.nodes WHERE node_id = $1`, [event.nodeId]);
  } else if (event.type === 'NodeHealthChanged') {
    // Health lives in one table (the agents schema's), whoever observes it; nodes without a drone
    // have no frontgate. A removed node's row stays behind, unread: health is read per listed node.
    await manager.query(
      `INSERT INTO agents.node_health (node_id, frontgate_id, cluster_id, state, reason, message, observed_at)
       VALUES ($1, '', $2, $3, $4, $5, $6)
       ON CONFLICT (node_id) DO UPDATE SET state = excluded.state, reason = excluded.reason, message = excluded.message, observed_at = excluded.observed_at
       WHERE agents.node_health.observed_at IS NULL OR agents.node_health.observed_at <= excluded.observed_at`,
      [event.nodeId, stored.clusterId, event.health, event.reason, event.message, event.observedAt],
    );
    return;
  } else {
    return;
  }
  await recomputeRoles(manager, stored.clusterId);
}

/** The roles read model: per role, how many nodes and their size (from the nodes themselves). */
async function recomputeRoles(manager: EntityManager, clusterId: string): Promise<void> {
  await manager.query(`DELETE FROM cluster.roles WHERE cluster_id = $1`, [clusterId]);
  await manager.query(
    `INSERT INTO cluster.roles (cluster_id, role, node_count, cpu, memory_mib, volume_size_gib)
     SELECT cluster_id, role, count(*), max(cpu), max(memory_mib), max(volume_size_gib)
       FROM cluster.nodes WHERE cluster_id = $1 AND status <> 'deleted' GROUP BY cluster_id, role`,
    [clusterId],
  );
}

/** Maps a `cluster.nodes` row back to a node state. */
export function nodeFromRow(row: Record<string, unknown>): NodeState {
  const node = { nodeId: row.node_id } as Record<string, unknown>;
  for (const [key, column] of Object.entries(COLUMNS)) node[key] = row[column];
  return node as unknown as NodeState;
}
