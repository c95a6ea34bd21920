import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../app/root-route.js';

export const reviewQueueRoute = createRoute({ getParentRoute: () => appRoute, path: '/review', component: lazyRouteComponent(() => import('./ReviewQueuePage.js'), 'ReviewQueuePage') });

export const reviewVersionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/review/$versionId',
  component: lazyRouteComponent(() => import('./ReviewVersionPage.js'), 'ReviewVersionPage'),
});

export const reviewRoutes = [reviewQueueRoute, reviewVersionRoute];
