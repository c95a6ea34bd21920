import { CatalogInit1732900000000 } from './1732900000000-catalog-init.js';
import { AppEntity, AppVersionEntity, CategoryEntity, RepoEntity, RepoEventEntity, VersionAuditEntity } from './entities.js';

/** The `catalog` schema: repos, repo events, apps, versions, audits and categories. */
export const catalogSchema = {
  schema: 'catalog',
  entities: [RepoEntity, RepoEventEntity, AppEntity, AppVersionEntity, VersionAuditEntity, CategoryEntity],
  migrations: [CatalogInit1732900000000],
};
