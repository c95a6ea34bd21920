import type { NatsConnection } from '@nats-io/transport-node';
import { createAgentPlane, type AgentPlane } from '@pitrix/agent-plane';
import { loadWorkerConfig } from '@pitrix/config';
import { allSchemaModules } from '@pitrix/schemas';
import {
  connectTestTemporal,
  createTestDatabase,
  builtAgentEntries,
  builtDroneSimulatorEntry,
  killLocalInstances,
  natsServerBinary,
  startTcpProxy,
  startTestNatsHub,
  uniqueTaskQueue,
  type TcpProxy,
  type TestDatabase,
  type TestNatsHub,
} from '@pitrix/testing';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type ActivityInterceptorsFactory, type Worker } from '@temporalio/worker';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildActivityDeps } from '../../src/activity-deps.js';
import { bundleWorkflows } from '../../src/workflow-bundle.js';
import { createPitrixWorker } from '../../src/worker.js';

/** Real servers for one worker test file: Temporal (shared), a fresh database, a private NATS hub. */
export interface WorkerHarness {
  readonly env: TestWorkflowEnvironment;
  readonly db: TestDatabase;
  readonly hub: TestNatsHub;
  readonly nats: NatsConnection;
  readonly agents: AgentPlane;
  readonly taskQueue: string;
  readonly workflowBundle: { code: string };
  /** Folder of the local provider's instances (their agents are the real, built frontgate and drone). */
  readonly localRoot: string;
  /** The relay between every frontgate and the hub, with `cuttableLeafLink`. */
  readonly leafLink?: TcpProxy;
  /** Creates an in-process worker on the harness task queue (optionally with other workflows, or activity interceptors). */
  createWorker(options?: { workflowBundle?: { code: string }; activityInterceptors?: readonly ActivityInterceptorsFactory[] }): Promise<Worker>;
  /** Environment for a worker started as a separate process against the same servers. */
  workerProcessEnv(): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** Options of a harness: which agent entries the local provider starts (the built agents by default). */
export interface WorkerHarnessOptions {
  readonly agentEntries?: { readonly drone: string; readonly frontgate: string };
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** A private Temporal server instead of the shared one (chaos tests restart theirs). */
  readonly temporal?: { readonly address: string; readonly namespace: string };
  /** Frontgates dial the hub through a TCP relay the test can cut (`leafLink`). */
  readonly cuttableLeafLink?: boolean;
}

/** A hub address no frontgate can reach: with it advertised, a frontgate reconnects only through its relay. */
const NOWHERE = '127.0.0.254:9';

let runtimeInstalled = false;

/** Starts everything a worker test needs; call `close()` in afterAll. */
export async function startWorkerHarness(label: string, options: WorkerHarnessOptions = {}): Promise<WorkerHarness> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const [env, db, hub, workflowBundle] = await Promise.all([
    options.temporal ? TestWorkflowEnvironment.createFromExistingServer(options.temporal) : connectTestTemporal(),
    createTestDatabase(label, allSchemaModules),
    startTestNatsHub(options.cuttableLeafLink ? { leafAdvertise: NOWHERE } : {}),
    bundleWorkflows('typescript'),
  ]);
  const leafLink = options.cuttableLeafLink ? await startTcpProxy('127.0.0.1', Number(new URL(hub.leafUrl).port)) : undefined;
  const natsConfig = leafLink ? { ...hub.natsConfig, leafUrl: `tls://127.0.0.1:${leafLink.port}` } : hub.natsConfig;
  const nats = await hub.connect('pitrix-test-worker');
  const agents = await createAgentPlane(nats, natsConfig);
  const taskQueue = uniqueTaskQueue(label);
  const localRoot = mkdtempSync(join(tmpdir(), `pitrix-${label}-local-`));
  const entries = options.agentEntries ?? builtAgentEntries();
  const natsBinDir = dirname(await natsServerBinary());
  const workerProcessEnv = (): NodeJS.ProcessEnv => ({
    ...process.env,
    ...hub.env,
    PITRIX_NATS_LEAF_URL: natsConfig.leafUrl,
    PITRIX_TEMPORAL_ADDRESS: (env.connection.options as { address: string }).address,
    PITRIX_TEMPORAL_NAMESPACE: env.namespace ?? 'pitrix',
    PITRIX_TEMPORAL_TASK_QUEUE: taskQueue,
    PITRIX_DATABASE_URL: db.url,
    PITRIX_LOCAL_ROOT: localRoot,
    PITRIX_LOCAL_DRONE_ENTRY: entries.drone,
    PITRIX_LOCAL_FRONTGATE_ENTRY: entries.frontgate,
    PITRIX_LOCAL_DRONE_SIMULATOR_ENTRY: builtDroneSimulatorEntry(),
    PITRIX_LOCAL_BIN_PATHS: natsBinDir,
    // Test repos are served on loopback (local HTTP servers, the S3 test server); production refuses it.
    PITRIX_FETCH_ALLOW: '127.0.0.1,::1,localhost',
    // A test installation: the development master key is accepted.
    PITRIX_DEV_MODE: 'true',
    ...options.extraEnv,
  });
  const deps = buildActivityDeps(loadWorkerConfig(workerProcessEnv()), { dataSource: db.dataSource, nats }, agents);
  return {
    env,
    db,
    hub,
    nats,
    agents,
    taskQueue,
    workflowBundle,
    localRoot,
    leafLink,
    workerProcessEnv,
    createWorker: (workerOptions = {}) =>
      createPitrixWorker({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'pitrix',
        taskQueue,
        deps,
        workflowBundle: workerOptions.workflowBundle ?? workflowBundle,
        activityInterceptors: workerOptions.activityInterceptors,
      }),
    close: async () => {
      killLocalInstances(localRoot);
      await agents.close();
      await nats.drain();
      await Promise.all([env.teardown(), db.drop(), hub.stop(), leafLink?.close()]);
      rmSync(localRoot, { recursive: true, force: true });
    },
  };
}
