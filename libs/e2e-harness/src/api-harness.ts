import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { allSchemaModules } from '@pitrix/schemas';
import type { INestApplication } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { createAgentPlane } from '@pitrix/agent-plane';
import { loadApiConfig, loadWorkerConfig, type ApiConfig } from '@pitrix/config';
import {
  builtAgentEntries,
  builtDroneSimulatorEntry,
  connectTestTemporal,
  createTestDatabase,
  killLocalInstances,
  natsServerBinary,
  standInAgentEntry,
  startTestNatsHub,
  testTemporalTarget,
  uniqueTaskQueue,
  type TestDatabase,
  type TestNatsHub,
} from '@pitrix/testing';
import { buildActivityDeps, bundleWorkflows, createPitrixWorker } from '@pitrix/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';

/** The API under test, served over real HTTP against real servers, with a worker behind it. */
export interface ApiHarness {
  readonly url: string;
  readonly config: ApiConfig;
  readonly db: TestDatabase;
  readonly hub: TestNatsHub;
  readonly env: TestWorkflowEnvironment;
  /** Sends one GraphQL operation and returns the parsed body (data and errors). */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLBody<T>>;
  /** Folder of the local provider's instances for this harness. */
  readonly localRoot: string;
  close(): Promise<void>;
}

/** A GraphQL response body. */
export interface GraphQLBody<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; problems?: Array<{ path: string; message: string }> } }>;
}

/** Options of the API harness. */
export interface ApiHarnessOptions {
  /**
   * The agents local instances run: `stand-in` (default; nothing runs hooks) or `built` (the real
   * built frontgate and drone, and the drone simulator for runtimes with `simulateDrones`).
   */
  readonly agents?: 'stand-in' | 'built';
  /** More settings for the API and the worker, e.g. the S3 endpoint of a test S3 server. */
  readonly env?: Record<string, string>;
}

/** Environment variables that point a Pitrix process at the harness's servers. */
export function harnessEnv(parts: { db: TestDatabase; hub: TestNatsHub; taskQueue: string; localRoot: string; agents?: Record<string, string> }): Record<string, string> {
  const temporal = testTemporalTarget();
  return {
    PITRIX_LOCAL_ROOT: parts.localRoot,
    PITRIX_LOCAL_DRONE_ENTRY: standInAgentEntry(),
    PITRIX_LOCAL_FRONTGATE_ENTRY: standInAgentEntry(),
    ...parts.agents,
    PITRIX_API_PORT: '4000',
    PITRIX_DATABASE_URL: parts.db.url,
    PITRIX_TEMPORAL_ADDRESS: temporal.address,
    PITRIX_TEMPORAL_NAMESPACE: temporal.namespace,
    PITRIX_TEMPORAL_TASK_QUEUE: parts.taskQueue,
    ...parts.hub.env,
  };
}

/** Local provider settings that run the built agents (`npx nx run-many -t build` builds them). */
async function builtAgentEnv(): Promise<Record<string, string>> {
  const entries = builtAgentEntries();
  return {
    PITRIX_LOCAL_DRONE_ENTRY: entries.drone,
    PITRIX_LOCAL_FRONTGATE_ENTRY: entries.frontgate,
    PITRIX_LOCAL_DRONE_SIMULATOR_ENTRY: builtDroneSimulatorEntry(),
    PITRIX_LOCAL_BIN_PATHS: dirname(await natsServerBinary()),
  };
}

/**
 * How to start the API under test. Passed in rather than imported, so the API's own tests use its
 * sources and other projects (CLI, dashboard) use the built package, without a dependency cycle.
 */
export interface ApiEntry {
  startApi(config: ApiConfig): Promise<INestApplication>;
  apiUrl(app: INestApplication): Promise<string>;
}

/** Starts a database, a NATS hub, a worker and the API on a free port. */
export async function startApiHarness(label: string, entry: ApiEntry, options: ApiHarnessOptions = {}): Promise<ApiHarness> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const [env, db, hub, workflowBundle] = await Promise.all([
    connectTestTemporal(),
    createTestDatabase(label, allSchemaModules),
    startTestNatsHub(),
    bundleWorkflows('typescript'),
  ]);
  const taskQueue = uniqueTaskQueue(label);
  const localRoot = mkdtempSync(join(tmpdir(), `pitrix-${label}-local-`));
  const agentEnv = options.agents === 'built' ? await builtAgentEnv() : undefined;
  const settings = { ...harnessEnv({ db, hub, taskQueue, localRoot, agents: agentEnv }), ...options.env, PITRIX_API_PORT: '1' };
  const config = loadApiConfig(settings);
  config.api.port = 0;
  const workerNats: NatsConnection = await hub.connect('pitrix-test-worker');
  const agents = await createAgentPlane(workerNats, hub.natsConfig);
  const worker: Worker = await createPitrixWorker({
    connection: env.nativeConnection,
    namespace: config.temporal.namespace,
    taskQueue,
    deps: buildActivityDeps(loadWorkerConfig(settings), { dataSource: db.dataSource, nats: workerNats }, agents),
    workflowBundle,
  });
  const workerRun = worker.run();
  const app: INestApplication = await entry.startApi(config);
  const url = `${await entry.apiUrl(app)}/graphql`;
  return {
    url,
    config,
    db,
    hub,
    env,
    localRoot,
    graphql: async <T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLBody<T>;
    },
    close: async () => {
      await app.close();
      worker.shutdown();
      await workerRun;
      await agents.close();
      await workerNats.drain().catch(() => undefined);
      await Promise.all([env.teardown(), db.drop(), hub.stop()]);
      killLocalInstances(localRoot);
      rmSync(localRoot, { recursive: true, force: true });
    },
  };
}
