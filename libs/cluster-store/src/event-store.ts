import type { NewClusterEvent, StoredClusterEvent } from '@pitrix/cluster-model';
import type { DataSource, EntityManager } from 'typeorm';
import { projectCluster } from './projections/cluster-projection.js';
import { projectJob } from './projections/job-projection.js';
import { projectLinks } from './projections/link-projection.js';
import { projectNode } from './projections/node-projection.js';

/** Channel the store notifies on commit; the API turns it into GraphQL subscriptions. */
export const CLUSTER_EVENTS_CHANNEL = 'pitrix_cluster_events';

const PROJECTIONS = [projectCluster, projectNode, projectJob, projectLinks];

/** Tables rebuilt from events; the order is the order they are emptied and compared. */
export const PROJECTION_TABLES = ['cluster.clusters', 'cluster.nodes', 'cluster.roles', 'cluster.endpoints', 'cluster.jobs', 'cluster.tasks', 'cluster.cluster_links'] as const;

/**
 * The append-only cluster event store. Appending is idempotent per event key (a retried activity
 * adds nothing twice) and updates the read models in the same transaction, so they never
 * disagree with the events.
 */
export class ClusterEventStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends the events not stored yet and projects them; returns those it stored. */
  async append(events: readonly NewClusterEvent[]): Promise<StoredClusterEvent[]> {
    if (events.length === 0) return [];
    return this.dataSource.transaction(async (manager) => {
      // One writer per cluster at a time: projections read-modify-write the cluster's rows.
      for (const clusterId of [...new Set(events.map((e) => e.clusterId))].sort()) {
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [clusterId]);
      }
      const stored: StoredClusterEvent[] = [];
      for (const event of events) {
        const inserted = await insert(manager, event);
        if (!inserted) continue;
        for (const project of PROJECTIONS) await project(manager, inserted);
        stored.push(inserted);
      }
      if (stored.length > 0) {
        const payload = { clusters: [...new Set(stored.map((e) => e.clusterId))], last: stored.at(-1)?.sequence };
        await manager.query(`SELECT pg_notify($1, $2)`, [CLUSTER_EVENTS_CHANNEL, JSON.stringify(payload)]);
      }
      return stored;
    });
  }

  /** A cluster's events after `afterSequence`, oldest first. */
  async eventsOf(clusterId: string, afterSequence = 0, limit = 1000): Promise<StoredClusterEvent[]> {
    const rows = (await this.dataSource.query(
      `SELECT sequence, cluster_id, event_key, payload, recorded_at FROM cluster.events WHERE cluster_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3`,
      [clusterId, afterSequence, limit],
    )) as EventRow[];
    return rows.map(fromRow);
  }

  /**
   * Empties every read model and replays all events in order, in one transaction. Projections
   * use only event data (including each event's recorded time), so the result is identical.
   */
  async rebuildProjections(batchSize = 5000): Promise<{ events: number }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`TRUNCATE ${PROJECTION_TABLES.join(', ')}`);
      let after = 0;
      let count = 0;
      for (;;) {
        const rows = (await manager.query(
          `SELECT sequence, cluster_id, event_key, payload, recorded_at FROM cluster.events WHERE sequence > $1 ORDER BY sequence LIMIT $2`,
          [after, batchSize],
        )) as EventRow[];
        if (rows.length === 0) return { events: count };
        for (const row of rows) {
          const stored = fromRow(row);
          for (const project of PROJECTIONS) await project(manager, stored);
          after = stored.sequence;
          count++;
        }
      }
    });
  }
}

interface EventRow {
  sequence: string;
  cluster_id: string;
  event_key: string;
  payload: NewClusterEvent['event'];
  recorded_at: Date;
}

async function insert(manager: EntityManager, event: NewClusterEvent): Promise<StoredClusterEvent | undefined> {
  const rows = (await manager.query(
    `INSERT INTO cluster.events (cluster_id, event_key, type, payload) VALUES ($1, $2, $3, $4)
     ON CONFLICT (event_key) DO NOTHING RETURNING sequence, recorded_at`,
    [event.clusterId, event.key, event.event.type, JSON.stringify(event.event)],
  )) as Array<{ sequence: string; recorded_at: Date }>;
  const row = rows[0];
  if (!row) return undefined;
  return { ...event, sequence: Number(row.sequence), recordedAt: row.recorded_at.toISOString() };
}

function fromRow(row: EventRow): StoredClusterEvent {
  return { clusterId: row.cluster_id, key: row.event_key, event: row.payload, sequence: Number(row.sequence), recordedAt: row.recorded_at.toISOString() };
}
