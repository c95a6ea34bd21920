import { CatalogInit1732900000000 } from './1732900000000-catalog-init.js';
import { CatalogDeployments1733000000000 } from './1733000000000-catalog-deployments.js';
import { AppEntity, AppVersionEntity, CategoryEntity, RepoEntity, RepoEventEntity, VersionAuditEntity } from './entities.js';

/** The `catalog` schema: repos, repo events, apps, versions, audits, categories and deployment records. */
export const catalogSchema = {
  schema: 'catalog',
  entities: [RepoEntity, RepoEventEntity, AppEntity, AppVersionEntity, VersionAuditEntity, CategoryEntity],
  migrations: [CatalogInit1732900000000, CatalogDeployments1733000000000],
};
