import { Module } from '@nestjs/common';
import { AppListCache } from './app-list-cache.js';
import { AppListResponses } from './app-list-responses.js';
import { AppVersionPackages } from './app-version-packages.service.js';
import { AppResolver } from './app.resolver.js';
import { AppService } from './app.service.js';
import { catalogStoreProviders } from './catalog-stores.provider.js';
import { CatalogWritesInterceptor } from './catalog-writes.interceptor.js';
import { CategoryResolver } from './category.resolver.js';
import { CategoryService } from './category.service.js';
import { DeployableVersions } from './deployable-versions.service.js';
import { RepoIndexRuns } from './repo-index-runs.js';
import { RepoResolver } from './repo.resolver.js';
import { RepoSchedules } from './repo-schedules.js';
import { RepoService } from './repo.service.js';
import { VersionResolver } from './version.resolver.js';
import { VersionService } from './version.service.js';

/** The catalog: repos and their indexing, apps, versions and their review, categories. */
@Module({
  providers: [
    ...catalogStoreProviders,
    RepoSchedules,
    RepoIndexRuns,
    RepoService,
    AppService,
    AppListCache,
    AppListResponses,
    CatalogWritesInterceptor,
    VersionService,
    CategoryService,
    AppVersionPackages,
    DeployableVersions,
    RepoResolver,
    AppResolver,
    VersionResolver,
    CategoryResolver,
  ],
  exports: [AppVersionPackages, DeployableVersions, AppListResponses],
})
export class CatalogModule {}
