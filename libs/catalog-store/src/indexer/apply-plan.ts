import { newId } from '@pitrix/ids';
import { newestFirst } from '@pitrix/package';
import { In, type EntityManager } from 'typeorm';
import { AppEntity, AppVersionEntity, VersionAuditEntity, type RepoEntity } from '../entities.js';
import { deriveAppStatus, type VersionStatus } from '../status-machine.js';
import type { StagedPackage } from './fetch-candidate.js';
import type { IndexPlan } from './plan.js';

/** Who the audit names for changes the indexer makes. */
export const INDEXER_ACTOR = 'system:indexer';
const CHUNK = 500;

/**
 * Writes a plan in the caller's transaction: apps created as needed, versions added, updated,
 * removed or marked deleted (each new status audited), and every touched app's metadata taken
 * from its newest version and its status derived again.
 */
export async function applyPlan(manager: EntityManager, repo: RepoEntity, plan: IndexPlan): Promise<void> {
  const touchedApps = new Set<string>();
  const appIds = await ensureApps(manager, repo, [...plan.added.map((s) => s.name)]);
  const now = new Date();
  const newVersions = plan.added.map((staged) => {
    const appId = appIds.get(staged.name) as string;
    touchedApps.add(appId);
    return { id: newId('appVersion'), appId, repoId: repo.id, ...versionFields(staged), status: repo.appDefaultStatus as VersionStatus, message: null, deploymentCount: 0, source: 'index' as const, owner: repo.owner, ownerPath: repo.ownerPath, statusTime: now };
  });
  for (let i = 0; i < newVersions.length; i += CHUNK) {
    await manager.createQueryBuilder().insert().into(AppVersionEntity).values(newVersions.slice(i, i + CHUNK)).updateEntity(false).execute();
  }
  const audits = newVersions.map((version) => audit(version.id, version.appId, 'index', null, version.status, 'added by the indexer', now));
  for (const { existing, staged } of plan.updated) {
    touchedApps.add(existing.appId);
    await manager.update(AppVersionEntity, { id: existing.id }, versionFields(staged));
  }
  if (plan.removed.length > 0) {
    for (const version of plan.removed) touchedApps.add(version.appId);
    await manager.delete(AppVersionEntity, { id: In(plan.removed.map((version) => version.id)) });
  }
  for (const version of plan.markedDeleted) {
    touchedApps.add(version.appId);
    await manager.update(AppVersionEntity, { id: version.id }, { status: 'deleted', statusTime: now });
    audits.push(audit(version.id, version.appId, 'index', version.status, 'deleted', 'gone from the repo; kept because it is deployed', now));
  }
  for (let i = 0; i < audits.length; i += CHUNK) {
    await manager.createQueryBuilder().insert().into(VersionAuditEntity).values(audits.slice(i, i + CHUNK)).updateEntity(false).execute();
  }
  await refreshApps(manager, [...touchedApps]);
}

function versionFields(staged: StagedPackage) {
  return {
    name: staged.name,
    version: staged.version,
    appVersion: staged.appVersion,
    kind: staged.kind,
    description: staged.metadata.description ?? '',
    metadata: staged.metadata,
    packagePath: staged.path,
    digest: staged.digest,
    size: staged.bytes.length,
    packageBytes: Buffer.from(staged.bytes.buffer, staged.bytes.byteOffset, staged.bytes.byteLength),
  };
}

function audit(versionId: string, appId: string, action: string, fromStatus: VersionStatus | null, toStatus: VersionStatus, message: string, createdAt: Date) {
  return { id: newId('audit'), versionId, appId, action, actor: INDEXER_ACTOR, role: 'system', fromStatus, toStatus, message, createdAt };
}

/** Ids of the repo's apps by name, creating the missing ones. */
export async function ensureApps(manager: EntityManager, repo: RepoEntity, names: readonly string[]): Promise<Map<string, string>> {
  const existing = await manager.find(AppEntity, { where: { repoId: repo.id }, select: { id: true, name: true } });
  const ids = new Map(existing.map((app) => [app.name, app.id]));
  const missing = [...new Set(names)].filter((name) => !ids.has(name));
  const rows = missing.map((name) => ({ id: newId('app'), repoId: repo.id, name, status: 'draft' as const, categories: [...repo.categories], owner: repo.owner, ownerPath: repo.ownerPath }));
  for (let i = 0; i < rows.length; i += CHUNK) {
    await manager.createQueryBuilder().insert().into(AppEntity).values(rows.slice(i, i + CHUNK)).updateEntity(false).execute();
  }
  for (const row of rows) ids.set(row.name, row.id);
  return ids;
}

/**
 * Takes each app's metadata from its newest version that is not deleted (the newest of all when
 * every one is), derives its status, and deletes apps left without versions.
 */
export async function refreshApps(manager: EntityManager, appIds: readonly string[]): Promise<void> {
  if (appIds.length === 0) return;
  const versions = await manager.find(AppVersionEntity, { where: { appId: In([...appIds]) }, select: { id: true, appId: true, version: true, status: true, metadata: true } });
  const byApp = new Map<string, AppVersionEntity[]>();
  for (const version of versions) byApp.set(version.appId, [...(byApp.get(version.appId) ?? []), version]);
  const empty = appIds.filter((id) => !byApp.has(id));
  if (empty.length > 0) await manager.delete(AppEntity, { id: In(empty) });
  for (const [appId, list] of byApp) {
    const sorted = [...list].sort(newestFirst);
    const newest = sorted.find((version) => version.status !== 'deleted') ?? (sorted[0] as AppVersionEntity);
    const metadata = newest.metadata;
    await manager.update(AppEntity, { id: appId }, {
      description: metadata.description ?? '',
      home: metadata.home ?? null,
      icon: metadata.icon ?? null,
      keywords: metadata.keywords ?? [],
      maintainers: metadata.maintainers ?? [],
      sources: metadata.sources ?? [],
      latestVersion: newest.version,
      status: deriveAppStatus(list.map((version) => version.status)),
    });
  }
}
