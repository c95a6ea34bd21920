import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AccountStore, type Role } from '@pitrix/account-store';
import { HealingStore } from '@pitrix/runtime-store';
import { AlarmRuleStore } from '@pitrix/cluster-store';
import { allSchemaModules } from '@pitrix/schemas';
import type { INestApplication } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { startReleaseWatcher } from '@pitrix/activities';
import { createAgentPlane, startAgentMonitor } from '@pitrix/agent-plane';
import { loadApiConfig, loadWorkerConfig, type ApiConfig } from '@pitrix/config';
import {
  builtAgentEntries,
  builtDroneSimulatorEntry,
  connectTestTemporal,
  createTestDatabase,
  killLocalInstances,
  natsServerBinary,
  standInAgentEntry,
  startTcpProxy,
  startTestNatsHub,
  testTemporalTarget,
  uniqueTaskQueue,
  type TcpProxy,
  type TestDatabase,
  type TestNatsHub,
} from '@pitrix/testing';
import { buildActivityDeps, bundleWorkflows, createPitrixWorker, startAlarmEvaluator, startResurrector } from '@pitrix/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';

/** The API under test, served over real HTTP against real servers, with a worker behind it. */
export interface ApiHarness {
  readonly url: string;
  readonly config: ApiConfig;
  readonly db: TestDatabase;
  readonly hub: TestNatsHub;
  readonly env: TestWorkflowEnvironment;
  /**
   * Sends one GraphQL operation and returns the parsed body (data and errors). Without an
   * `authorization` or `cookie` header it goes as the bootstrap admin; with one (even empty, for an
   * anonymous request) the headers are sent as given.
   */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLBody<T>>;
  /** A full-scope access token of the bootstrap admin (login `admin`). */
  readonly adminToken: string;
  /** The bootstrap admin's password. */
  readonly adminPassword: string;
  /** The account store of the harness's database, to arrange accounts directly. */
  readonly accounts: AccountStore;
  /**
   * Creates an account with these platform roles (in group `grp-<group>`, created if needed, as its
   * primary group) and a full-scope token; returns its id, token and the headers that send it.
   */
  userWithToken(login: string, roles: Role[], options?: { group?: string; password?: string; scope?: 'read' | 'full' }): Promise<TestUser>;
  /** Folder of the local provider's instances for this harness. */
  readonly localRoot: string;
  /** The relay frontgates dial the hub through, with `cuttableLeafLink` (cut it to partition every network from the hub). */
  readonly leafLink?: TcpProxy;
  close(): Promise<void>;
}

/** An account made by the harness, with a token. */
export interface TestUser {
  readonly userId: string;
  readonly login: string;
  readonly token: string;
  readonly tokenId: string;
  readonly ownerPath: string;
  /** `{ authorization: 'Bearer <token>' }`. */
  readonly headers: Record<string, string>;
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
  /**
   * Runs the agent monitor beside the worker, as the worker's main does: drones' heartbeats and
   * health reports reach `agents.node_health` (default off: most tests watch no health).
   */
  readonly monitorAgents?: boolean;
  /**
   * Runs the pod watch beside the worker, as the worker's main does: chart clusters' pods reach
   * the event store as nodes and health between jobs (default off).
   */
  readonly watchReleases?: boolean;
  /**
   * Runs the resurrector beside the worker, as the worker's main does: nodes down past their
   * grace period are healed (default off). Needs `monitorAgents`, which it turns on.
   */
  readonly resurrect?: boolean;
  /**
   * Runs the alarm evaluator beside the worker, as the worker's main does, every second: monitor
   * samples crossing a cluster's alarm rules append alarm events. Needs `monitorAgents`, which it turns on.
   */
  readonly evaluateAlarms?: boolean;
  /** Frontgates dial the hub through a TCP relay the test can cut (`leafLink`): a partition. */
  readonly cuttableLeafLink?: boolean;
}

/** A hub address no frontgate can reach: with it advertised, a frontgate reconnects only through its relay. */
const UNREACHABLE_HUB = '127.0.0.254:9';

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
    // Test repos are served on loopback (local HTTP servers, the S3 test server); production refuses it.
    PITRIX_FETCH_ALLOW: '127.0.0.1,::1,localhost',
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
    startTestNatsHub(options.cuttableLeafLink ? { leafAdvertise: UNREACHABLE_HUB } : {}),
    bundleWorkflows('typescript'),
  ]);
  const taskQueue = uniqueTaskQueue(label);
  const localRoot = mkdtempSync(join(tmpdir(), `pitrix-${label}-local-`));
  const agentEnv = options.agents === 'built' ? await builtAgentEnv() : undefined;
  const leafLink = options.cuttableLeafLink ? await startTcpProxy('127.0.0.1', Number(new URL(hub.leafUrl).port)) : undefined;
  const leafUrl = leafLink ? `tls://127.0.0.1:${leafLink.port}` : hub.leafUrl;
  const settings = { ...harnessEnv({ db, hub, taskQueue, localRoot, agents: agentEnv }), PITRIX_NATS_LEAF_URL: leafUrl, ...options.env, PITRIX_API_PORT: '1' };
  const config = loadApiConfig(settings);
  config.api.port = 0;
  const workerNats: NatsConnection = await hub.connect('pitrix-test-worker');
  const agents = await createAgentPlane(workerNats, { ...hub.natsConfig, leafUrl });
  const workerConfig = loadWorkerConfig(settings);
  const deps = buildActivityDeps(workerConfig, { dataSource: db.dataSource, nats: workerNats }, agents);
  const worker: Worker = await createPitrixWorker({
    connection: env.nativeConnection,
    namespace: config.temporal.namespace,
    taskQueue,
    deps,
    workflowBundle,
  });
  const workerRun = worker.run();
  const monitor =
    options.monitorAgents || options.resurrect || options.evaluateAlarms
      ? await startAgentMonitor({ registry: agents.registry, connections: agents.connections, dataSource: db.dataSource, sweepIntervalMs: 1_000, onError: (message) => console.error(`agent monitor: ${message}`) })
      : undefined;
  const resurrector = options.resurrect
    ? startResurrector({
        ...deps,
        temporal: env.client,
        taskQueue,
        healing: new HealingStore(db.dataSource),
        drones: agents.pilot,
        settings: workerConfig.healing,
        onError: (message) => console.error(`resurrector: ${message}`),
      })
    : undefined;
  const alarms = options.evaluateAlarms
    ? startAlarmEvaluator({ dataSource: db.dataSource, rules: new AlarmRuleStore(db.dataSource), events: deps.events, scanMs: 1_000, onError: (message) => console.error(`alarm evaluator: ${message}`) })
    : undefined;
  const releases = options.watchReleases ? await startReleaseWatcher({ ...deps, refreshMs: 1_000, onError: (message) => console.error(`pod watch: ${message}`) }) : undefined;
  const accounts = new AccountStore(db.dataSource);
  const bootstrap = await accounts.ensureAdmin();
  if (!bootstrap.created) throw new Error('the harness database already had an admin');
  const admin = await accounts.createToken(bootstrap.userId, { name: 'harness', scope: 'full', expiresAt: null });
  const adminHeaders = { authorization: `Bearer ${admin.token}` };
  const app: INestApplication = await entry.startApi(config);
  const url = `${await entry.apiUrl(app)}/graphql`;
  const userWithToken = async (login: string, roles: Role[], options: { group?: string; password?: string; scope?: 'read' | 'full' } = {}): Promise<TestUser> => {
    let primaryGroupId: string | undefined;
    if (options.group) {
      primaryGroupId = `grp-${options.group}`;
      const groups = await accounts.listGroups();
      if (!groups.some((group) => group.id === primaryGroupId)) await accounts.createGroup({ name: options.group });
    }
    const user = await accounts.createUser({ login, roles, password: options.password, primaryGroupId });
    if (primaryGroupId) await accounts.setMember(primaryGroupId, user.id, 'user');
    const { token, record } = await accounts.createToken(user.id, { name: 'test', scope: options.scope ?? 'full', expiresAt: null });
    const principal = await accounts.principal(user.id);
    return { userId: user.id, login, token, tokenId: record.id, ownerPath: principal.ownerPath, headers: { authorization: `Bearer ${token}` } };
  };
  return {
    url,
    config,
    db,
    hub,
    env,
    localRoot,
    ...(leafLink ? { leafLink } : {}),
    adminToken: admin.token,
    adminPassword: bootstrap.password,
    accounts,
    userWithToken,
    graphql: async <T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
      const identified = 'authorization' in headers || 'cookie' in headers;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(identified ? {} : adminHeaders), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLBody<T>;
    },
    close: async () => {
      await app.close();
      await resurrector?.stop();
      await alarms?.stop();
      await monitor?.stop();
      await releases?.stop();
      worker.shutdown();
      await workerRun;
      await agents.close();
      await workerNats.drain().catch(() => undefined);
      await Promise.all([env.teardown(), db.drop(), hub.stop(), leafLink?.close()]);
      killLocalInstances(localRoot);
      rmSync(localRoot, { recursive: true, force: true });
    },
  };
}
