import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { RuntimeModule } from '../runtime/runtime.module.js';
import { CatalogPackageSource } from './catalog-package-source.js';
import { ClusterAccess } from './cluster-access.js';
import { ClusterLinkChecker } from './cluster-link-checker.js';
import { ClusterLinkGuard } from './cluster-link-guard.js';
import { ClusterLinksResolver } from './cluster-links.resolver.js';
import { ClusterNotifications } from './cluster-notifications.service.js';
import { ClusterOperationPreparer } from './cluster-operation-preparer.js';
import { ClusterOperationResolver } from './cluster-operation.resolver.js';
import { ClusterOperationService } from './cluster-operation.service.js';
import { ClusterPlanResolver } from './cluster-plan.resolver.js';
import { ClusterQueryService } from './cluster-query.service.js';
import { clusterStoreProviders } from './cluster-stores.provider.js';
import { ClusterStreamService } from './cluster-stream.service.js';
import { ClusterResolver } from './cluster.resolver.js';
import { JobHistoryService } from './job-history.service.js';
import { JobViewService } from './job-view.service.js';
import { JobResolver } from './job.resolver.js';
import { CLUSTER_PACKAGE_SOURCE, LocalPackageSource } from './package-source.js';
import { PlacementService } from './placement.service.js';

/** Clusters and jobs: every operation, the read models, live progress and event streams. */
@Module({
  imports: [RuntimeModule, CatalogModule],
  providers: [
    ...clusterStoreProviders,
    LocalPackageSource,
    { provide: CLUSTER_PACKAGE_SOURCE, useClass: CatalogPackageSource },
    ClusterAccess,
    ClusterLinkChecker,
    ClusterLinkGuard,
    ClusterLinksResolver,
    ClusterQueryService,
    ClusterOperationPreparer,
    ClusterOperationService,
    ClusterStreamService,
    ClusterNotifications,
    JobViewService,
    JobHistoryService,
    PlacementService,
    ClusterResolver,
    ClusterOperationResolver,
    ClusterPlanResolver,
    JobResolver,
  ],
})
export class ClusterModule {}
