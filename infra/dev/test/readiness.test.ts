import { AccountStore } from '@pitrix/account-store';
import { loadDevStackConfig } from '@pitrix/config';
import { freePort, waitUntilReady, type ManagedProcess } from '@pitrix/devstack';
import { allSchemaModules } from '@pitrix/schemas';
import { createTestDatabase, startTestNatsHub, testTemporalTarget, uniqueTaskQueue, type TestDatabase, type TestNatsHub } from '@pitrix/testing';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pitrixApiProbe } from '../src/api-probe.js';
import { stackPorts } from '../src/stack-ports.js';
import { describeNotReady } from '../src/startup-report.js';
import { workerPollingProbe } from '../src/worker-probe.js';
import { TestProcesses } from './support/processes.js';

/** The API and the worker as `npm start` runs them: the built apps, as separate processes. */
const repoRoot = join(__dirname, '../../..');
const processes = new TestProcesses();
const taskQueue = uniqueTaskQueue('dev-readiness');
let db: TestDatabase;
let hub: TestNatsHub;

beforeAll(async () => {
  [db, hub] = await Promise.all([createTestDatabase('dev_readiness', allSchemaModules), startTestNatsHub()]);
});
afterAll(async () => {
  await processes.stopAll();
  await Promise.all([db?.drop(), hub?.stop()]);
});

function appEnv(apiPort: number): Record<string, string> {
  const temporal = testTemporalTarget();
  return {
    PITRIX_HOME: join(processes.dir, 'home'),
    PITRIX_LOCAL_ROOT: join(processes.dir, 'local'),
    PITRIX_API_PORT: String(apiPort),
    PITRIX_DATABASE_URL: db.url,
    PITRIX_TEMPORAL_ADDRESS: temporal.address,
    PITRIX_TEMPORAL_NAMESPACE: temporal.namespace,
    PITRIX_TEMPORAL_TASK_QUEUE: taskQueue,
    // The processes run on the development master key, which only a development installation accepts.
    PITRIX_DEV_MODE: 'true',
    ...hub.env,
  };
}

function startApp(name: 'api' | 'worker', apiPort: number): Promise<ManagedProcess> {
  const entry = join(repoRoot, 'apps', name, 'dist', 'main.js');
  return processes.node(name, ['--enable-source-maps', entry], { env: { ...process.env, ...appEnv(apiPort) }, cwd: repoRoot });
}

function pollingTarget() {
  const temporal = testTemporalTarget();
  return { binary: temporal.binary, address: temporal.address, namespace: temporal.namespace, taskQueue };
}

describe('waiting for the API and the worker', () => {
  it('does not take a plain HTTP server on the API port for the API', async () => {
    const impostor = await processes.plainHttpServer();
    const url = `http://127.0.0.1:${impostor.port}/graphql`;
    const readiness = await waitUntilReady({ probes: [pitrixApiProbe(url, 'pxt_unused')], processes: [impostor.process], timeoutMs: 1_500, intervalMs: 200 });
    expect(readiness).toEqual({ state: 'TIMED_OUT', waiting: [{ what: `the GraphQL API at ${url}`, reason: 'something answers HTTP 200 there, but not as the Pitrix API' }] });
  });

  it('reports an API that cannot bind its port with the port and PITRIX_API_PORT, and its last log lines, instead of ready', async () => {
    const holder = await processes.plainHttpServer();
    const api = await startApp('api', holder.port);
    const readiness = await waitUntilReady({ probes: [pitrixApiProbe(`http://127.0.0.1:${holder.port}/graphql`, 'pxt_unused')], processes: [api], timeoutMs: 90_000 });
    expect(readiness).toMatchObject({ state: 'EXITED', process: { name: 'api' }, code: 1 });
    if (readiness.state === 'READY') return;
    const ports = stackPorts(loadDevStackConfig(appEnv(holder.port)), { temporal: 'reuse', hub: 'reuse', s3: 'elsewhere' });
    const report = describeNotReady(readiness, ports, 90_000);
    expect(report).toContain(`last lines of ${api.logFile}:`);
    expect(report).toContain('EADDRINUSE');
    expect(report.split('\n').at(-1)).toBe(
      `during start-up, api exited (code 1): port ${holder.port} (the GraphQL API) is in use by another process; stop it or set PITRIX_API_PORT`,
    );
  });

  it('is ready once the real API answers and the real worker polls its task queue, and only for that worker', async () => {
    const target = pollingTarget();
    expect(await workerPollingProbe(target, process.pid).check()).toEqual({ ready: false, reason: 'not polling for workflow and activity tasks yet' });
    // The probe asks as a signed-in caller, as npm start does with the CLI's token.
    const accounts = new AccountStore(db.dataSource);
    const admin = await accounts.ensureAdmin();
    if (!admin.created) throw new Error('the test database already had an admin');
    const { token } = await accounts.createToken(admin.userId, { name: 'readiness', scope: 'read', expiresAt: null });
    const apiPort = await freePort();
    const worker = await startApp('worker', apiPort);
    const api = await startApp('api', apiPort);
    const readiness = await waitUntilReady({
      probes: [pitrixApiProbe(`http://127.0.0.1:${apiPort}/graphql`, token), workerPollingProbe(target, worker.pid)],
      processes: [worker, api],
      timeoutMs: 100_000,
    });
    expect(readiness).toEqual({ state: 'READY' });
    // Another process's pollers on the same queue do not make this one ready.
    expect(await workerPollingProbe(target, process.pid).check()).toEqual({
      ready: false,
      reason: expect.stringMatching(/^not polling for workflow and activity tasks yet \(Temporal lists \d+ poller\(s\) of other processes\)$/),
    });
  });
});
