import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../app/root-route.js';

export const adminRoutes = [createRoute({ getParentRoute: () => appRoute, path: '/admin', component: lazyRouteComponent(() => import('./AdminPage.js'), 'AdminPage') })];
