import type { DataSource } from 'typeorm';
import { PROJECTION_TABLES } from './event-store.js';

/**
 * Every row of every read model, in a stable order, as JSON text per table: two snapshots are
 * equal exactly when the projections hold the same data (used to check a rebuild).
 */
export async function projectionSnapshot(dataSource: DataSource): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of PROJECTION_TABLES) {
    const rows = (await dataSource.query(`SELECT row_to_json(t)::text AS row FROM ${table} t`)) as Array<{ row: string }>;
    snapshot[table] = rows.map((r) => r.row).sort();
  }
  return snapshot;
}
