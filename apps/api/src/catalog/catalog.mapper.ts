import type { AppEntity, AppVersionEntity, CategoryEntity, RepoEntity, RepoEventEntity, VersionAuditEntity } from '@pitrix/catalog-store';
import { toPairs } from '@pitrix/selectors';
import type { App, AppVersion, Category, VersionAudit } from './models/app.model.js';
import type { Repo, RepoEvent } from './models/repo.model.js';

/** The API view of a repo: never its credential, only whether it has one. */
export function toRepo(entity: RepoEntity): Repo {
  return {
    id: entity.id,
    name: entity.name,
    description: entity.description,
    url: entity.url,
    visibility: entity.visibility,
    providers: entity.providers,
    labels: toPairs(entity.labels),
    selectors: toPairs(entity.selectors),
    appDefaultStatus: entity.appDefaultStatus,
    categories: entity.categories,
    authenticated: entity.credentialKeyId !== null,
    indexIntervalSeconds: entity.indexIntervalSeconds,
    status: entity.status,
    lastIndexedAt: entity.lastIndexedAt,
    owner: entity.owner,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}

/** The API view of a repo event. */
export function toRepoEvent(entity: RepoEventEntity): RepoEvent {
  const { id, repoId, trigger, status, error, added, updated, removed, unchanged, failures, createdAt, startedAt, finishedAt } = entity;
  return { id, repoId, trigger, status, error, added, updated, removed, unchanged, failures, createdAt, startedAt, finishedAt };
}

/** The API view of an app. */
export function toApp(entity: AppEntity): App {
  return {
    id: entity.id,
    repoId: entity.repoId,
    name: entity.name,
    description: entity.description,
    home: entity.home,
    icon: entity.icon,
    keywords: entity.keywords,
    maintainers: entity.maintainers.map((m) => ({ name: m.name ?? null, email: m.email ?? null, url: m.url ?? null })),
    sources: entity.sources,
    latestVersion: entity.latestVersion,
    status: entity.status,
    categories: entity.categories,
    owner: entity.owner,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}

/** The API view of a version (without its archive). */
export function toAppVersion(entity: AppVersionEntity): AppVersion {
  const { id, appId, repoId, name, version, appVersion, kind, description, packagePath, digest, size, status, message, deploymentCount, source, owner, createdAt, updatedAt, statusTime } = entity;
  const chart = (entity.metadata?.chart as Record<string, unknown> | undefined) ?? null;
  return { id, appId, repoId, name, version, appVersion, kind: kind ?? 'pitrix', chart, description, packagePath, digest, size, status, message, deploymentCount, source, owner, createdAt, updatedAt, statusTime };
}

/** The API view of an audit row. */
export function toAudit(entity: VersionAuditEntity): VersionAudit {
  const { id, versionId, appId, action, actor, role, fromStatus, toStatus, message, createdAt } = entity;
  return { id, versionId, appId, action, actor, role, fromStatus, toStatus, message, createdAt };
}

/** The API view of a category. */
export function toCategory(entity: CategoryEntity): Category {
  const { id, name, description, createdAt, updatedAt } = entity;
  return { id, name, description, createdAt, updatedAt };
}
