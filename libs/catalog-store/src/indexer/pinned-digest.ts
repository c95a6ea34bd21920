import { In, type EntityManager } from 'typeorm';
import { AppVersionEntity, type IndexFailure } from '../entities.js';
import { isDigestPinned } from '../status-machine.js';
import type { StagedPackage } from './fetch-candidate.js';
import type { ExistingVersion, IndexPlan } from './plan.js';

/**
 * The failure that refuses new bytes under a version whose digest is pinned: it names the version,
 * the digest the catalog keeps serving and the one the repo now offers. The code is the one an
 * upload of an existing version gets, because the way out is the same: a new version number.
 */
export function pinnedDigestFailure(existing: ExistingVersion, staged: StagedPackage): IndexFailure {
  return {
    name: existing.name,
    version: existing.version,
    path: staged.path,
    code: 'CATALOG.VERSION_EXISTS',
    reason:
      `${existing.name} ${existing.version} (${existing.id}) is ${existing.status}, so its digest is pinned: ` +
      `the catalog keeps ${existing.digest}, the repo now offers ${staged.digest}. ` +
      'Publish the change under a new version number.',
  };
}

/**
 * Statuses were read before the archives, which can take long enough for a review to start. Under
 * the repo lock, the versions about to be updated are read again and locked (a transition locks
 * the same row), and a version pinned by now is refused instead: bytes are only ever replaced
 * under a version that is still not pinned when the run commits.
 */
export async function settlePinnedUpdates(manager: EntityManager, plan: IndexPlan): Promise<void> {
  if (plan.updated.length === 0) return;
  const rows = await manager.find(AppVersionEntity, {
    where: { id: In(plan.updated.map((update) => update.existing.id)) },
    select: { id: true, status: true },
    order: { id: 'ASC' },
    lock: { mode: 'pessimistic_write' },
  });
  const statusNow = new Map(rows.map((row) => [row.id, row.status]));
  const stillUpdated = plan.updated.filter((update) => {
    const status = statusNow.get(update.existing.id) ?? update.existing.status;
    if (!isDigestPinned(status)) return true;
    plan.failures.push(pinnedDigestFailure({ ...update.existing, status }, update.staged));
    return false;
  });
  plan.updated.splice(0, plan.updated.length, ...stillUpdated);
}
