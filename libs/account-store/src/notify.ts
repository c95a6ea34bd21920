import type { EntityManager } from 'typeorm';
import type { AccountChange } from './types.js';

/**
 * Channel notified, in the transaction that makes the change, whenever a token or session may
 * resolve differently (token revoked, user changed or disabled, membership added or removed).
 * The payload is a JSON `AccountChange`.
 */
export const ACCOUNT_CHANGED_CHANNEL = 'account_changed';

/** Queues a notification; PostgreSQL delivers it only if the surrounding transaction commits. */
export async function notifyAccountChanged(manager: EntityManager, change: AccountChange): Promise<void> {
  await manager.query(`SELECT pg_notify($1, $2)`, [ACCOUNT_CHANGED_CHANNEL, JSON.stringify(change)]);
}
