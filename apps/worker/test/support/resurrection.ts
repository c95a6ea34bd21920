import { loadWorkerConfig } from '@pitrix/config';
import { HealingStore } from '@pitrix/runtime-store';
import { buildActivityDeps } from '../../src/activity-deps.js';
import { startResurrector, type Resurrector } from '../../src/healing/resurrector.js';
import type { WorkerHarness } from './worker-harness.js';

/** Resurrector settings for tests: a scan every 500 ms, the default meltdown brake. */
export const TEST_HEALING_SETTINGS = { scanMs: 500, meltdownPercent: 30, meltdownNodes: 10, meltdownWindowSeconds: 600 } as const;

/**
 * Runs a resurrector in the test process against the harness's servers, as the worker's main
 * does. It only submits heal jobs, so it keeps scanning while a worker process that runs the
 * jobs' activities is killed and restarted.
 */
export function resurrect(harness: WorkerHarness, onError: (message: string) => void = (message) => console.error(`resurrector: ${message}`)): Resurrector {
  const deps = buildActivityDeps(loadWorkerConfig(harness.workerProcessEnv()), { dataSource: harness.db.dataSource, nats: harness.nats }, harness.agents);
  return startResurrector({
    ...deps,
    temporal: harness.env.client,
    taskQueue: harness.taskQueue,
    healing: new HealingStore(harness.db.dataSource),
    drones: harness.agents.pilot,
    settings: TEST_HEALING_SETTINGS,
    onError,
  });
}
