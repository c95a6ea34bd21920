import { createPilotActivities, type PilotDeps } from './pilot/pilot.activities.js';
import { createSkeletonActivities, type SkeletonDeps } from './skeleton/skeleton.activities.js';

/** Everything the activities need; the worker passes real clients, tests pass real test servers. */
export type ActivityDeps = SkeletonDeps & PilotDeps;

/** Builds every activity from its dependencies. Workflows type their proxies from its return type. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createSkeletonActivities(deps),
    ...createPilotActivities(deps),
  };
}

/** The activities as the workflows see them. */
export type Activities = ReturnType<typeof createActivities>;

export type { RecordSkeletonRunInput, RecordSkeletonRunResult } from './skeleton/skeleton.activities.js';
export { commandIdFor } from './pilot/command-id.js';
export type { PilotCommand, PilotDeps, WaitForDronesInput } from './pilot/pilot.activities.js';
