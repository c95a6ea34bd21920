import { PitrixError } from '@pitrix/errors';
import { isId, newId } from '@pitrix/ids';
import type { DataSource, EntityManager } from 'typeorm';
import { AppVersionEntity, RepoEntity, VersionAuditEntity } from './entities.js';
import { ensureApps, refreshApps } from './indexer/apply-plan.js';
import type { StagedPackage } from './indexer/fetch-candidate.js';
import { decideTransition, type CatalogRole, type VersionAction } from './status-machine.js';

/** Who acts on a version. */
export interface Actor {
  readonly userId: string;
  readonly roles: readonly CatalogRole[];
}

/** Versions: transitions (each audited, in one transaction with the app's derived status) and uploads. */
export class VersionStore {
  constructor(private readonly dataSource: DataSource) {}

  /** A version (without its archive), or `CATALOG.VERSION_NOT_FOUND`. */
  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<AppVersionEntity> {
    const found = isId('appVersion', id) ? await manager.findOneBy(AppVersionEntity, { id }) : null;
    if (!found) throw new PitrixError('CATALOG.VERSION_NOT_FOUND', `App version ${id} does not exist`);
    return found;
  }

  /** The archive bytes of a version. */
  async packageBytes(id: string): Promise<Uint8Array> {
    const row = await this.dataSource.manager.findOne(AppVersionEntity, { where: { id }, select: { id: true, packageBytes: true } });
    if (!row) throw new PitrixError('CATALOG.VERSION_NOT_FOUND', `App version ${id} does not exist`);
    return new Uint8Array(row.packageBytes);
  }

  /**
   * Applies one action: decided by the status machine for the actor's roles and the repo's
   * visibility, written with its audit row and the app's new status in one transaction. The row
   * is locked, so two concurrent actions on one version apply one after the other.
   */
  async transition(id: string, action: VersionAction, actor: Actor, message?: string): Promise<AppVersionEntity> {
    return this.dataSource.transaction(async (manager) => {
      const version = await manager.findOne(AppVersionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!version || !isId('appVersion', id)) throw new PitrixError('CATALOG.VERSION_NOT_FOUND', `App version ${id} does not exist`);
      const repo = await manager.findOneByOrFail(RepoEntity, { id: version.repoId });
      const decided = decideTransition({ from: version.status, action, roles: actor.roles, repoVisibility: repo.visibility, message });
      const now = new Date();
      const text = message?.trim() || null;
      await manager.update(AppVersionEntity, { id }, { status: decided.to, statusTime: now, ...(action === 'reject' || action === 'submit' || action === 'cancel' ? { message: text } : {}) });
      await manager.insert(VersionAuditEntity, { id: newId('audit'), versionId: id, appId: version.appId, action, actor: actor.userId, role: decided.role, fromStatus: decided.from, toStatus: decided.to, message: text, createdAt: now });
      await refreshApps(manager, [version.appId]);
      return this.get(id, manager);
    });
  }

  /**
   * Stores an uploaded package as a draft version of the repo (creating its app when needed).
   * A version the app already has is `CATALOG.VERSION_EXISTS`.
   */
  async createDraft(repoId: string, staged: StagedPackage, actor: Actor & { ownerPath: string }): Promise<AppVersionEntity> {
    return this.dataSource.transaction(async (manager) => {
      const repo = await manager.findOne(RepoEntity, { where: { id: repoId }, lock: { mode: 'pessimistic_write' } });
      if (!repo) throw new PitrixError('CATALOG.REPO_NOT_FOUND', `Repo ${repoId} does not exist`);
      const appId = (await ensureApps(manager, repo, [staged.name])).get(staged.name) as string;
      const taken = await manager.findOneBy(AppVersionEntity, { appId, version: staged.version });
      if (taken) throw new PitrixError('CATALOG.VERSION_EXISTS', `${staged.name} ${staged.version} is already in repo ${repoId} (${taken.id})`, [{ path: 'package.json.version', message: 'version already exists', found: staged.version }]);
      const id = newId('appVersion');
      const now = new Date();
      await manager.insert(AppVersionEntity, {
        id, appId, repoId, name: staged.name, version: staged.version, appVersion: staged.appVersion, kind: staged.kind, description: staged.metadata.description ?? '', metadata: staged.metadata,
        packagePath: staged.path, digest: staged.digest, size: staged.bytes.length, packageBytes: Buffer.from(staged.bytes), status: 'draft', message: null, deploymentCount: 0,
        source: 'upload', owner: actor.userId, ownerPath: actor.ownerPath, statusTime: now,
      });
      await manager.insert(VersionAuditEntity, { id: newId('audit'), versionId: id, appId, action: 'upload', actor: actor.userId, role: actor.roles.includes('developer') ? 'developer' : (actor.roles[0] ?? 'user'), fromStatus: null, toStatus: 'draft', message: null, createdAt: now });
      await refreshApps(manager, [appId]);
      return this.get(id, manager);
    });
  }
}
