import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../app/root-route.js';

/** List filters live in the address, so a filtered list can be shared and survives a reload. */
export interface ClusterListSearch {
  status?: string;
  runtimeId?: string;
  search?: string;
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

export const clustersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/clusters',
  validateSearch: (search: Record<string, unknown>): ClusterListSearch => ({ status: text(search['status']), runtimeId: text(search['runtimeId']), search: text(search['search']) }),
  component: lazyRouteComponent(() => import('./ClustersPage.js'), 'ClustersPage'),
});

export const clusterRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/clusters/$clusterId',
  component: lazyRouteComponent(() => import('./ClusterPage.js'), 'ClusterPage'),
});

export const jobRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/jobs/$jobId',
  component: lazyRouteComponent(() => import('./JobPage.js'), 'JobPage'),
});
