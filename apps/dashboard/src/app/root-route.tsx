import { createRootRoute, createRoute, Outlet } from '@tanstack/react-router';
import { Empty } from '../components/states.js';
import { Shell } from './Shell.js';
import { SignInPage } from './SignInPage.js';

export const rootRoute = createRootRoute({
  component: Outlet,
  notFoundComponent: () => <Empty title="Page not found">There is nothing at this address.</Empty>,
});

/** Every page but sign-in: the shell signs the caller in first and provides who they are. */
export const appRoute = createRoute({ getParentRoute: () => rootRoute, id: 'app', component: Shell });

export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): { returnTo?: string } => ({ returnTo: typeof search['returnTo'] === 'string' ? search['returnTo'] : undefined }),
  component: SignInPage,
});
