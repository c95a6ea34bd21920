import { AccountStore } from '@pitrix/account-store';
import { createAgentPlane, type AgentPlane } from '@pitrix/agent-plane';
import { loadApiConfig, loadWorkerConfig, type ApiConfig } from '@pitrix/config';
import { freePort } from '@pitrix/devstack';
import { allSchemaModules } from '@pitrix/schemas';
import { createTestDatabase, ensureTestTemporal, startTestNatsHub } from '@pitrix/testing/servers';
import { buildActivityDeps, bundleWorkflows, createPitrixWorker } from '@pitrix/worker';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * The API (its own process, built) and a worker (in this process) on real servers, with two
 * accounts made directly in the bench's database: an administrator, who sets up (creates and
 * indexes the repo), and a plain `user`, as the dashboard's users are, whose token the list load
 * sends.
 */
export interface CatalogBenchStack {
  readonly url: string;
  /** The API's process id. */
  readonly apiPid: number;
  /** A full-scope access token of the administrator. */
  readonly adminToken: string;
  /** A full-scope access token of the account `bench-user` (role `user` only). */
  readonly userToken: string;
  /** The account store of the bench's database, with the API's settings. */
  readonly accounts: AccountStore;
  /** The API's configuration (as its processes load it from their environment). */
  readonly apiConfig: ApiConfig;
  /** Sends one GraphQL operation with `token` (the administrator's by default); errors throw. */
  graphql<T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
  /** Another API process on the same servers, with these settings changed. */
  startApi(settings: Record<string, string>): Promise<RunningApi>;
  close(): Promise<void>;
}

const ROOT = join(__dirname, '../../..');

/** An API process of the bench. */
export interface RunningApi {
  readonly url: string;
  readonly pid: number;
  /** Sends one GraphQL operation with `token` (the administrator's by default); errors throw. */
  graphql<T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
  stop(): Promise<void>;
}

/** Starts the built API with `env` and waits until it answers the administrator. */
async function spawnApi(env: NodeJS.ProcessEnv, adminToken: string): Promise<RunningApi> {
  // BENCH_CATALOG_API_PROFILE=<dir> writes a CPU profile of the API process there.
  const profile = process.env.BENCH_CATALOG_API_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CATALOG_API_PROFILE}`] : [];
  const api: ChildProcess = spawn(process.execPath, [...profile, join(ROOT, 'apps/api/dist/main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${env.PITRIX_API_PORT}/graphql`;
  const post = (query: string, variables: Record<string, unknown>, token: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const graphql = async <T>(query: string, variables: Record<string, unknown> = {}, token = adminToken): Promise<T> => {
    // While the worker indexes in this process its event loop can stall past the server's
    // keep-alive timeout; a query sent on the connection the server just closed is sent again.
    const response = await post(query, variables, token).catch((err: unknown) => {
      if (query.trimStart().startsWith('mutation') || (err as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET' || api.exitCode !== null) throw err;
      return post(query, variables, token);
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  };
  for (let waited = 0; ; waited += 200) {
    if (await graphql('{ __typename }').then(() => true, () => false)) break;
    if (waited > 60_000 || api.exitCode !== null) throw new Error('the API did not start (is apps/api built? npx nx run @pitrix/api:build)');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    pid: api.pid as number,
    graphql,
    async stop() {
      // A process ended by a signal has a signalCode and no exitCode.
      if (api.exitCode !== null || api.signalCode !== null) return;
      api.kill('SIGTERM');
      await new Promise((resolve) => api.once('exit', resolve));
    },
  };
}


/** The administrator (made as an installation's first start makes it) and `bench-user`, with a token each. */
async function createAccounts(accounts: AccountStore): Promise<{ adminToken: string; userToken: string }> {
  const admin = await accounts.ensureAdmin();
  if (!admin.created) throw new Error('the bench database already had an administrator');
  const user = await accounts.createUser({ login: 'bench-user', displayName: 'Catalog bench user', roles: ['user'] });
  const [adminToken, userToken] = await Promise.all([
    accounts.createToken(admin.userId, { name: 'bench-catalog-setup', scope: 'full', expiresAt: null }),
    accounts.createToken(user.id, { name: 'bench-catalog-list', scope: 'full', expiresAt: null }),
  ]);
  return { adminToken: adminToken.token, userToken: userToken.token };
}

/** Starts Temporal (or reuses PITRIX_TEST_TEMPORAL_ADDRESS), a database, a NATS hub, a worker and the API. */
export async function startCatalogBenchStack(): Promise<CatalogBenchStack> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const [temporal, db, hub, workflowBundle] = await Promise.all([ensureTestTemporal(process.env), createTestDatabase('bench_catalog', allSchemaModules), startTestNatsHub(), bundleWorkflows('typescript')]);
  const port = await freePort();
  const env = {
    ...process.env,
    ...hub.env,
    PITRIX_API_PORT: String(port),
    PITRIX_TEMPORAL_ADDRESS: temporal.address,
    PITRIX_TEMPORAL_NAMESPACE: temporal.namespace,
    PITRIX_TEMPORAL_TASK_QUEUE: `bench-catalog-${Date.now()}`,
    PITRIX_DATABASE_URL: db.url,
    PITRIX_DATABASE_POOL_SIZE: '20',
    // A bench installation: the development master key is accepted.
    PITRIX_DEV_MODE: 'true',
  };
  const nats = await hub.connect('pitrix-bench-catalog');
  const agents: AgentPlane = await createAgentPlane(nats, hub.natsConfig);
  const config = loadWorkerConfig(env);
  const apiConfig = loadApiConfig(env);
  // As the API makes its own (see its account store provider).
  const accounts = new AccountStore(db.dataSource, {
    sessionIdleMinutes: apiConfig.auth.sessionIdleMinutes,
    sessionMaxHours: apiConfig.auth.sessionMaxHours,
    loginFreeAttempts: apiConfig.auth.loginFreeAttempts,
  });
  const { adminToken, userToken } = await createAccounts(accounts);
  const connection = await NativeConnection.connect({ address: temporal.address });
  const worker = await createPitrixWorker({ connection, namespace: temporal.namespace, taskQueue: config.temporal.taskQueue, deps: buildActivityDeps(config, { dataSource: db.dataSource, nats }, agents), workflowBundle });
  const running = worker.run();
  const api = await spawnApi(env, adminToken);
  const others: RunningApi[] = [];
  return {
    url: api.url,
    apiPid: api.pid,
    adminToken,
    userToken,
    accounts,
    apiConfig,
    graphql: api.graphql,
    async startApi(settings) {
      const other = await spawnApi({ ...env, ...settings, PITRIX_API_PORT: String(await freePort()) }, adminToken);
      others.push(other);
      return other;
    },
    async close() {
      for (const other of others) await other.stop();
      await api.stop();
      worker.shutdown();
      await running;
      await agents.close();
      await nats.drain();
      await connection.close();
      await Promise.all([db.drop(), hub.stop(), temporal.stop()]);
    },
  };
}
