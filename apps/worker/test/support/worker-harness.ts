import { connect, type NatsConnection } from '@nats-io/transport-node';
import { loadWorkerConfig } from '@pitrix/config';
import { allSchemaModules } from '@pitrix/schemas';
import {
  connectTestTemporal,
  createTestDatabase,
  standInAgentEntry,
  startTestNatsHub,
  uniqueTaskQueue,
  type TestDatabase,
  type TestNatsHub,
} from '@pitrix/testing';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildActivityDeps, identityOnlyAgents } from '../../src/activity-deps.js';
import { bundleWorkflows } from '../../src/workflow-bundle.js';
import { createPitrixWorker } from '../../src/worker.js';

/** Real servers for one worker test file: Temporal (shared), a fresh database and a private NATS hub. */
export interface WorkerHarness {
  readonly env: TestWorkflowEnvironment;
  readonly db: TestDatabase;
  readonly hub: TestNatsHub;
  readonly nats: NatsConnection;
  readonly taskQueue: string;
  readonly workflowBundle: { code: string };
  /** Folder of the local provider's instances (agents are the stand-in script). */
  readonly localRoot: string;
  /** Creates an in-process worker on the harness task queue (optionally with other workflows). */
  createWorker(options?: { workflowBundle?: { code: string } }): Promise<Worker>;
  /** Environment for a worker started as a separate process against the same servers. */
  workerProcessEnv(): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

let runtimeInstalled = false;

/** Starts everything a worker test needs; call `close()` in afterAll. */
export async function startWorkerHarness(label: string): Promise<WorkerHarness> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const [env, db, hub, workflowBundle] = await Promise.all([
    connectTestTemporal(),
    createTestDatabase(label, allSchemaModules),
    startTestNatsHub(),
    bundleWorkflows('typescript'),
  ]);
  const nats = await connect({ servers: hub.url, user: hub.user, pass: hub.password });
  const taskQueue = uniqueTaskQueue(label);
  const localRoot = mkdtempSync(join(tmpdir(), `pitrix-${label}-local-`));
  const workerProcessEnv = (): NodeJS.ProcessEnv => ({
    ...process.env,
    PITRIX_TEMPORAL_ADDRESS: (env.connection.options as { address: string }).address,
    PITRIX_TEMPORAL_NAMESPACE: env.namespace ?? 'pitrix',
    PITRIX_TEMPORAL_TASK_QUEUE: taskQueue,
    PITRIX_DATABASE_URL: db.url,
    PITRIX_NATS_URL: hub.url,
    PITRIX_NATS_USER: hub.user,
    PITRIX_NATS_PASSWORD: hub.password,
    PITRIX_LOCAL_ROOT: localRoot,
    PITRIX_LOCAL_DRONE_ENTRY: standInAgentEntry(),
    PITRIX_LOCAL_FRONTGATE_ENTRY: standInAgentEntry(),
  });
  const deps = buildActivityDeps(loadWorkerConfig(workerProcessEnv()), { dataSource: db.dataSource, nats }, identityOnlyAgents);
  return {
    env,
    db,
    hub,
    nats,
    taskQueue,
    workflowBundle,
    localRoot,
    workerProcessEnv,
    createWorker: (options = {}) =>
      createPitrixWorker({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'pitrix',
        taskQueue,
        deps,
        workflowBundle: options.workflowBundle ?? workflowBundle,
      }),
    close: async () => {
      await nats.drain();
      await Promise.all([env.teardown(), db.drop(), hub.stop()]);
      rmSync(localRoot, { recursive: true, force: true });
    },
  };
}
