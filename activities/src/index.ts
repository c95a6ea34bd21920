import { createCatalogActivities, type CatalogDeps } from './catalog/catalog.activities.js';
import { createClusterJobActivities, createClusterTaskActivities, type ClusterJobDeps, type ClusterTaskDeps } from './cluster/index.js';
import { createPilotActivities, type PilotDeps } from './pilot/pilot.activities.js';
import { createProviderActivities, type ProviderActivityDeps } from './providers/provider.activities.js';
import { createRuntimeRetirementActivities, type RuntimeRetirementDeps } from './runtime/runtime.activities.js';
import { createSkeletonActivities, type SkeletonDeps } from './skeleton/skeleton.activities.js';

/** Everything the activities need; the worker passes real clients, tests pass real test servers. */
export type ActivityDeps = SkeletonDeps & PilotDeps & ProviderActivityDeps & ClusterJobDeps & ClusterTaskDeps & CatalogDeps & RuntimeRetirementDeps;

/** Builds every activity from its dependencies. Workflows type their proxies from its return type. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createSkeletonActivities(deps),
    ...createPilotActivities(deps),
    ...createProviderActivities(deps),
    ...createClusterJobActivities(deps),
    ...createClusterTaskActivities(deps),
    ...createCatalogActivities(deps),
    ...createRuntimeRetirementActivities(deps),
  };
}

/** The activities as the workflows see them. */
export type Activities = ReturnType<typeof createActivities>;

export * from './cluster/index.js';
export type { AgentBootstrapper, AgentSpec } from './providers/agent-bootstrapper.js';
export type { RunInstanceInput } from './providers/provider.activities.js';
export type { RecordSkeletonRunInput, RecordSkeletonRunResult } from './skeleton/skeleton.activities.js';
export { commandIdFor } from './pilot/command-id.js';
export type { PilotCommand, PilotDeps, WaitForDronesInput } from './pilot/pilot.activities.js';
export type { CatalogDeps, OpenRepoEventInput, RepoEventOutcome } from './catalog/catalog.activities.js';
export { INSTANCE_TAGS } from './runtime/instance-tags.js';
export type { RuntimeFrontgate } from './runtime/runtime.activities.js';
