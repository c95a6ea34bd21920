import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../app/root-route.js';

export const accountRoutes = [createRoute({ getParentRoute: () => appRoute, path: '/account/tokens', component: lazyRouteComponent(() => import('./TokensPage.js'), 'TokensPage') })];
