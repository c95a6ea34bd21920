import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../app/root-route.js';

export const reposRoute = createRoute({ getParentRoute: () => appRoute, path: '/repos', component: lazyRouteComponent(() => import('./ReposPage.js'), 'ReposPage') });

export const repoRoute = createRoute({ getParentRoute: () => appRoute, path: '/repos/$repoId', component: lazyRouteComponent(() => import('./RepoPage.js'), 'RepoPage') });

export const repoRoutes = [reposRoute, repoRoute];
