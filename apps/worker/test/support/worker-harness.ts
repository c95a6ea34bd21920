import type { NatsConnection } from '@nats-io/transport-node';
import { createAgentPlane, type AgentPlane } from '@pitrix/agent-plane';
import {
  connectTestTemporal,
  createTestDatabase,
  startTestNatsHub,
  uniqueTaskQueue,
  type TestDatabase,
  type TestNatsHub,
} from '@pitrix/testing';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { bundleWorkflows } from '../../src/workflow-bundle.js';
import { createPitrixWorker } from '../../src/worker.js';

/** Real servers for one worker test file: Temporal (shared), a fresh database and a private NATS hub. */
export interface WorkerHarness {
  readonly env: TestWorkflowEnvironment;
  readonly db: TestDatabase;
  readonly hub: TestNatsHub;
  readonly nats: NatsConnection;
  readonly agents: AgentPlane;
  readonly taskQueue: string;
  readonly workflowBundle: { code: string };
  /** Creates an in-process worker on the harness task queue. */
  createWorker(): Promise<Worker>;
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
    createTestDatabase(label),
    startTestNatsHub(),
    bundleWorkflows('typescript'),
  ]);
  const nats = await hub.connect('pitrix-test-worker');
  const agents = await createAgentPlane(nats, hub.natsConfig);
  const taskQueue = uniqueTaskQueue(label);
  return {
    env,
    db,
    hub,
    nats,
    agents,
    taskQueue,
    workflowBundle,
    createWorker: () =>
      createPitrixWorker({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'pitrix',
        taskQueue,
        deps: { dataSource: db.dataSource, nats, agentPlane: agents },
        workflowBundle,
      }),
    workerProcessEnv: () => ({
      ...process.env,
      PITRIX_TEMPORAL_ADDRESS: (env.connection.options as { address: string }).address,
      PITRIX_TEMPORAL_NAMESPACE: env.namespace ?? 'pitrix',
      PITRIX_TEMPORAL_TASK_QUEUE: taskQueue,
      PITRIX_DATABASE_URL: db.url,
      ...hub.env,
    }),
    close: async () => {
      await agents.close();
      await nats.drain();
      await Promise.all([env.teardown(), db.drop(), hub.stop()]);
    },
  };
}
