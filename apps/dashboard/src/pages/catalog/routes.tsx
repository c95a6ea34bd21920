import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../app/root-route.js';
import { validateCatalogSearch } from './catalog-filters.js';

const catalogRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  validateSearch: validateCatalogSearch,
  component: lazyRouteComponent(() => import('./CatalogPage.js'), 'CatalogPage'),
});

const appPageRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/apps/$appId',
  component: lazyRouteComponent(() => import('./AppPage.js'), 'AppPage'),
});

/** `?version=` picks the version to deploy; without it, the newest deployable one. */
const deployRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/apps/$appId/deploy',
  validateSearch: (search: Record<string, unknown>): { version?: string } => ({ version: typeof search['version'] === 'string' && search['version'] !== '' ? search['version'] : undefined }),
  component: lazyRouteComponent(() => import('./deploy/DeployPage.js'), 'DeployPage'),
});

export const catalogRoutes = [catalogRoute, appPageRoute, deployRoute];
