import { CatalogInit1732900000000 } from './1732900000000-catalog-init.js';
import { CatalogAppListIndexes1733000000000 } from './1733000000000-catalog-app-list-indexes.js';
import { CatalogDeployments1733000000001 } from './1733000000001-catalog-deployments.js';
import { CatalogVersionKind1733000000002 } from './1733000000002-catalog-version-kind.js';
import { AppEntity, AppVersionEntity, CategoryEntity, RepoEntity, RepoEventEntity, VersionAuditEntity } from './entities.js';

/** The `catalog` schema: repos, repo events, apps, versions, audits, categories and deployment records. */
export const catalogSchema = {
  schema: 'catalog',
  entities: [RepoEntity, RepoEventEntity, AppEntity, AppVersionEntity, VersionAuditEntity, CategoryEntity],
  migrations: [CatalogInit1732900000000, CatalogAppListIndexes1733000000000, CatalogDeployments1733000000001, CatalogVersionKind1733000000002],
};

/** Channel notified after every committed change to apps or repos (see the app-list migration). */
export const CATALOG_APPS_CHANNEL = 'catalog_apps_changed';
