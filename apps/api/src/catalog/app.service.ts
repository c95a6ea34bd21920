import { Inject, Injectable } from '@nestjs/common';
import { AppEntity, AppVersionEntity, CategoryEntity, VersionAuditEntity } from '@pitrix/catalog-store';
import { PitrixError } from '@pitrix/errors';
import { isId } from '@pitrix/ids';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { hasRole, isAdmin, visibleOwnerWhere, type Caller } from '../access/index.js';
import { DATA_SOURCE } from '../clients/tokens.js';
import type { Connection } from '../graphql/pagination.js';
import type { PageInput } from '../runtime/dto/runtime.input.js';
import type { AppFilter, AppVersionFilter, AuditFilter, SortInput } from './dto/app.input.js';
import { AppListCache } from './app-list-cache.js';
import { listAppPage } from './app-list.js';
import { byProperty, byTime, escapeLike, pageOf } from './list-page.js';

const VERSION_SORTS = { createdAt: byTime<AppVersionEntity>('createdAt'), version: byProperty<AppVersionEntity>('version'), name: byProperty<AppVersionEntity>('name'), status: byProperty<AppVersionEntity>('status'), statusTime: byTime<AppVersionEntity>('statusTime') };
const AUDIT_SORTS = { createdAt: byTime<VersionAuditEntity>('createdAt') };
const CATEGORY_SORTS = { name: byProperty<CategoryEntity>('name'), createdAt: byTime<CategoryEntity>('createdAt') };

/**
 * Reads of the catalog. A caller sees everything it owns; in public repos everyone sees what is
 * active, and reviewers see every version awaiting review.
 */
@Injectable()
export class AppService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly appList: AppListCache,
  ) {}

  /** A page of apps, from the short-lived page cache when another caller with the same view just read it. */
  async listApps(caller: Caller, filter: AppFilter, page: PageInput, sort?: SortInput): Promise<Connection<AppEntity>> {
    const { search, repoId, status, category, name } = filter;
    // Everything the page depends on: what the caller may see, the filter, the sort and the cursor.
    const key = JSON.stringify([isAdmin(caller) ? '*' : caller.visiblePaths, hasRole(caller, 'reviewer'), search, repoId, status, category, name, sort?.field, sort?.descending, page.first, page.after]);
    return this.appList.read(key, () => listAppPage(this.dataSource, caller, filter, page, sort));
  }

  async getApp(caller: Caller, id: string): Promise<AppEntity> {
    const query = this.visible(this.dataSource.getRepository(AppEntity).createQueryBuilder('a'), 'a', caller).andWhere('a.id = :id', { id });
    const found = isId('app', id) ? await query.getOne() : null;
    if (!found) throw new PitrixError('CATALOG.APP_NOT_FOUND', `App ${id} does not exist`);
    return found;
  }

  async listVersions(caller: Caller, filter: AppVersionFilter, page: PageInput, sort?: SortInput): Promise<Connection<AppVersionEntity>> {
    const query = this.visible(this.dataSource.getRepository(AppVersionEntity).createQueryBuilder('v'), 'v', caller);
    if (filter.appId) query.andWhere('v.appId = :appId', { appId: filter.appId });
    if (filter.repoId) query.andWhere('v.repoId = :repoId', { repoId: filter.repoId });
    if (filter.status) query.andWhere('v.status = :status', { status: filter.status });
    if (filter.search) query.andWhere('(v.name ILIKE :search OR v.version ILIKE :search OR v.description ILIKE :search)', { search: `%${escapeLike(filter.search)}%` });
    return pageOf(query, 'v', VERSION_SORTS, { field: 'createdAt', descending: true }, { ...page, sort });
  }

  /** A version the caller can see, or `CATALOG.VERSION_NOT_FOUND`. */
  async getVersion(caller: Caller, id: string): Promise<AppVersionEntity> {
    const query = this.visible(this.dataSource.getRepository(AppVersionEntity).createQueryBuilder('v'), 'v', caller).andWhere('v.id = :id', { id });
    const found = isId('appVersion', id) ? await query.getOne() : null;
    if (!found) throw new PitrixError('CATALOG.VERSION_NOT_FOUND', `App version ${id} does not exist`);
    return found;
  }

  /** Audits of versions the caller owns (everything for admins and reviewers). */
  async listAudits(caller: Caller, filter: AuditFilter, page: PageInput, sort?: SortInput): Promise<Connection<VersionAuditEntity>> {
    const query = this.dataSource.getRepository(VersionAuditEntity).createQueryBuilder('au');
    if (!hasRole(caller, 'reviewer')) {
      query.innerJoin(AppVersionEntity, 'v', 'v.id = au.versionId').where(...visibleOwnerWhere(caller, 'v.ownerPath'));
    }
    if (filter.versionId) query.andWhere('au.versionId = :versionId', { versionId: filter.versionId });
    if (filter.appId) query.andWhere('au.appId = :appId', { appId: filter.appId });
    if (filter.actor) query.andWhere('au.actor = :actor', { actor: filter.actor });
    return pageOf(query, 'au', AUDIT_SORTS, { field: 'createdAt', descending: false }, { ...page, sort });
  }

  async listCategories(filter: { search?: string }, page: PageInput, sort?: SortInput): Promise<Connection<CategoryEntity>> {
    const query = this.dataSource.getRepository(CategoryEntity).createQueryBuilder('c');
    if (filter.search) query.where('c.name ILIKE :search', { search: `%${escapeLike(filter.search)}%` });
    return pageOf(query, 'c', CATEGORY_SORTS, { field: 'name', descending: false }, { ...page, sort });
  }

  /** Restricts a query of apps or versions to what the caller may see. */
  private visible<T extends AppEntity | AppVersionEntity>(query: SelectQueryBuilder<T>, alias: string, caller: Caller): SelectQueryBuilder<T> {
    if (isAdmin(caller)) return query.where('true');
    const reviewer = hasRole(caller, 'reviewer');
    const [owned, params] = visibleOwnerWhere(caller, `${alias}.ownerPath`);
    return query.where(`(${owned} OR EXISTS (SELECT 1 FROM catalog.repos vr WHERE vr.id = ${alias}.repoId AND vr.visibility = 'public' AND (${alias}.status = 'active'${reviewer ? ' OR true' : ''})))`, params);
  }
}
