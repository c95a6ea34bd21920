import { createProviderActivities, type ProviderActivityDeps } from './providers/provider.activities.js';
import { createSkeletonActivities, type SkeletonDeps } from './skeleton/skeleton.activities.js';

/** Everything the activities need; the worker passes real clients, tests pass real test servers. */
export type ActivityDeps = SkeletonDeps & ProviderActivityDeps;

/** Builds every activity from its dependencies. Workflows type their proxies from its return type. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createSkeletonActivities(deps),
    ...createProviderActivities(deps),
  };
}

/** The activities as the workflows see them. */
export type Activities = ReturnType<typeof createActivities>;

export type { AgentBootstrapper, AgentSpec } from './providers/agent-bootstrapper.js';
export type { RunInstanceInput } from './providers/provider.activities.js';
export type { RecordSkeletonRunInput, RecordSkeletonRunResult } from './skeleton/skeleton.activities.js';
