import { createRouter } from '@tanstack/react-router';
import { accountRoutes } from '../pages/account/routes.js';
import { adminRoutes } from '../pages/admin/routes.js';
import { catalogRoutes } from '../pages/catalog/routes.js';
import { clusterRoutes } from '../pages/clusters/routes.js';
import { repoRoutes } from '../pages/repos/routes.js';
import { reviewRoutes } from '../pages/review/routes.js';
import { runtimeRoutes } from '../pages/runtimes/routes.js';
import { appRoute, rootRoute, signInRoute } from './root-route.js';

const routeTree = rootRoute.addChildren([
  signInRoute,
  appRoute.addChildren([...catalogRoutes, ...clusterRoutes, ...runtimeRoutes, ...repoRoutes, ...reviewRoutes, ...adminRoutes, ...accountRoutes]),
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent' });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
