import { hasErrorCode } from '@pitrix/errors';
import type { SealedSecret, SecretBox } from '@pitrix/secrets';
import type { DataSource, EntityManager } from 'typeorm';
import type { SealedColumn } from './sealed-columns.js';

/** What rotating one kind of sealed secret did. Ids only: never a secret or a seal. */
export interface KindRotation {
  readonly kind: string;
  /** Rows moved to the newest key by this run. */
  readonly resealed: number;
  /** Rows already under the newest key when the run began (an earlier, perhaps interrupted, run). */
  readonly alreadyCurrent: number;
  /** Ids of rows no key of the ring opens (unknown key id, tampered); they are left as they are. */
  readonly failedIds: readonly string[];
}

interface SealedRow {
  readonly id: string;
  readonly sealed: SealedSecret;
}

/**
 * Re-wraps every seal of `column` that is not under the box's newest key, `batchSize` rows per
 * transaction, in id order. Each batch commits on its own, so an interrupted run loses at most
 * one batch and the next run goes on from the rows still under an old key. A row that no key opens
 * is counted and named and the run goes on.
 */
export async function rotateSealedColumn(dataSource: DataSource, box: SecretBox, column: SealedColumn, options: { batchSize: number }): Promise<KindRotation> {
  const { table, idColumn, sealedColumn } = column;
  const active = box.activeKeyId;
  const current = (await dataSource.query(`SELECT count(*)::int AS count FROM ${table} WHERE ${sealedColumn} IS NOT NULL AND ${sealedColumn}->>'kid' = $1`, [active])) as Array<{ count: number }>;
  const failedIds: string[] = [];
  let resealed = 0;
  let after = '';
  for (;;) {
    const rows = await dataSource.transaction(async (manager) => {
      const batch = (await manager.query(
        `SELECT ${idColumn} AS id, ${sealedColumn} AS sealed FROM ${table}
          WHERE ${sealedColumn} IS NOT NULL AND ${sealedColumn}->>'kid' IS DISTINCT FROM $1 AND ${idColumn} > $2
          ORDER BY ${idColumn} LIMIT $3 FOR UPDATE`,
        [active, after, options.batchSize],
      )) as SealedRow[];
      for (const row of batch) {
        if (await resealRow(manager, box, column, row)) resealed++;
        else failedIds.push(row.id);
      }
      return batch;
    });
    if (rows.length > 0) after = rows[rows.length - 1]!.id;
    if (rows.length < options.batchSize) break;
  }
  return { kind: column.kind, resealed, alreadyCurrent: current[0]?.count ?? 0, failedIds };
}

/** Re-wraps one row's seal under the newest key; false when no key of the ring opens it. */
async function resealRow(manager: EntityManager, box: SecretBox, column: SealedColumn, row: SealedRow): Promise<boolean> {
  let rewrapped: SealedSecret;
  try {
    rewrapped = box.rewrap(row.sealed, row.id);
  } catch (err) {
    if (hasErrorCode(err, 'SECRET.UNREADABLE')) return false;
    throw err;
  }
  const setKeyId = column.keyIdColumn ? `, ${column.keyIdColumn} = $3` : '';
  const params = column.keyIdColumn ? [row.id, JSON.stringify(rewrapped), rewrapped.kid] : [row.id, JSON.stringify(rewrapped)];
  await manager.query(`UPDATE ${column.table} SET ${column.sealedColumn} = $2::jsonb${setKeyId} WHERE ${column.idColumn} = $1`, params);
  return true;
}
