import type { DataSource } from 'typeorm';

/** Why a node counts as down. */
export type OutageReason = 'HeartbeatMissing' | 'StaysUnhealthy';

/** A running node of a running package cluster, as the resurrector judges it. */
export interface WatchedNode {
  readonly nodeId: string;
  readonly clusterId: string;
  readonly runtimeId: string;
  /** The frontgate of its network, through which its drone answers. */
  readonly frontgateId: string;
  /** Down (silent, or unhealthy), why and since when; null when it is up, or already healed for this outage. */
  readonly outage: { readonly reason: OutageReason; readonly since: Date } | null;
  /** Down for longer than its cluster's grace period, and its cluster lets the resurrector heal it now (healing on, no job running). */
  readonly healable: boolean;
}

/** A node as the scan reads it: its cluster's healing settings, its health, its frontgate's last status. */
export interface NodeObservation {
  node_id: string;
  cluster_id: string;
  runtime_id: string;
  frontgate_id: string;
  heal_enabled: boolean;
  heal_grace_seconds: number;
  transition_status: string;
  state: string;
  reason: string;
  state_since: Date;
  frontgate_seen_at: Date | null;
  /** The frontgate's last status listed the node's drone as connected. */
  drone_connected: boolean;
  healed: boolean;
}

/**
 * Every running node of a running package cluster whose drone has reported at least once and
 * whose frontgate is reachable. Nodes behind a frontgate that went silent are left out, neither
 * down nor up: a partition between the hub and a network must not look like its nodes dying. A
 * silent node counts as down only once its frontgate has reported since the node went silent
 * (a cut link silences the frontgate too, but a heartbeat interval may pass before its silence
 * shows), and only if that report no longer lists the node's drone as connected: heartbeats lost
 * on their way to the platform (a monitor that died with its subscription) leave a connected
 * drone, which is not gone. A drone that hangs with its connection open is dropped by the leaf
 * server once it stops answering the server's pings, and counts as gone from then. A node already healed for this outage (a heal job started after the outage began) is
 * not down. A node whose instance is gone is seen through its silence (no heartbeats).
 */
export async function watchedNodes(dataSource: DataSource, now: Date): Promise<WatchedNode[]> {
  const rows = (await dataSource.query(
    `SELECT n.node_id, n.cluster_id, c.runtime_id, c.frontgate_id, c.heal_enabled, c.heal_grace_seconds, c.transition_status,
            h.state, h.reason, h.state_since, f.observed_at AS frontgate_seen_at, n.node_id = ANY(f.connected_node_ids) AS drone_connected,
            EXISTS (SELECT 1 FROM cluster.tasks t JOIN cluster.jobs j ON j.id = t.job_id
                     WHERE t.node_id = n.node_id AND t.type = 'runInstance' AND j.action = 'heal' AND j.started_at >= h.state_since) AS healed
       FROM cluster.nodes n
       JOIN cluster.clusters c ON c.id = n.cluster_id
       JOIN agents.node_health h ON h.node_id = n.node_id
       JOIN agents.frontgate_health f ON f.frontgate_id = c.frontgate_id
      WHERE n.status = 'active' AND c.status = 'active' AND f.state = 'healthy'`,
  )) as NodeObservation[];
  return rows.map((row) => ({
    nodeId: row.node_id,
    clusterId: row.cluster_id,
    runtimeId: row.runtime_id,
    frontgateId: row.frontgate_id,
    outage: outageOf(row),
    // The health check's action runs when a node turns unhealthy; still unhealthy after the grace
    // period means it did not help. Silence for the grace period means the node (or its drone) is gone.
    healable: outageOf(row) !== null && now.getTime() - row.state_since.getTime() >= row.heal_grace_seconds * 1000 && row.heal_enabled && row.transition_status === '',
  }));
}

/** Whether a node is down, why and since when (pure: the scan's rule, on one row). */
export function outageOf(row: NodeObservation): WatchedNode['outage'] {
  if (row.healed) return null;
  if (row.state === 'unhealthy') return { reason: 'StaysUnhealthy', since: row.state_since };
  const silent = row.state === 'unknown' && row.reason === 'HeartbeatMissing';
  const networkSpeaks = row.frontgate_seen_at !== null && row.frontgate_seen_at > row.state_since;
  return silent && networkSpeaks && !row.drone_connected ? { reason: 'HeartbeatMissing', since: row.state_since } : null;
}

/** Nodes healed (a heal job's new instance) per runtime since `since`. */
export async function healedSince(dataSource: DataSource, since: Date): Promise<Map<string, number>> {
  const rows = (await dataSource.query(
    `SELECT c.runtime_id, count(*)::int AS healed
       FROM cluster.tasks t JOIN cluster.jobs j ON j.id = t.job_id JOIN cluster.clusters c ON c.id = j.cluster_id
      WHERE j.action = 'heal' AND t.type = 'runInstance' AND j.started_at >= $1
      GROUP BY c.runtime_id`,
    [since],
  )) as Array<{ runtime_id: string; healed: number }>;
  return new Map(rows.map((row) => [row.runtime_id, row.healed]));
}
