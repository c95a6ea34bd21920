import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../app/root-route.js';

export const runtimeRoutes = [
  createRoute({ getParentRoute: () => appRoute, path: '/runtimes', component: lazyRouteComponent(() => import('./RuntimesPage.js'), 'RuntimesPage') }),
];
