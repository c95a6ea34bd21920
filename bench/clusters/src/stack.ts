import { createAgentPlane, startAgentMonitor, type AgentMonitor, type AgentPlane } from '@pitrix/agent-plane';
import { jobPayloadFromPackage, submitClusterJob, type SubmittedJob } from '@pitrix/cluster-client';
import { ClusterReadModel, JobSpecStore } from '@pitrix/cluster-store';
import { loadPackageConfig, loadWorkerConfig } from '@pitrix/config';
import { newId } from '@pitrix/ids';
import { loadPackageFromDirectory } from '@pitrix/package-io';
import type { HealingSettings } from '@pitrix/cluster-model';
import { CredentialStore, HealingStore, RuntimeStore } from '@pitrix/runtime-store';
import { allSchemaModules } from '@pitrix/schemas';
import { parseKeyRing, SecretBox } from '@pitrix/secrets';
import { builtAgentEntries, builtDroneSimulatorEntry, createTestDatabase, ensureTestTemporal, killLocalInstances, natsServerBinary, startTestNatsHub } from '@pitrix/testing/servers';
import { buildActivityDeps, bundleWorkflows, createPitrixWorker, startResurrector, type Resurrector } from '@pitrix/worker';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, DefaultLogger } from '@temporalio/worker';
import type { PackageFiles } from '@pitrix/package';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Everything a cluster benchmark runs against: real servers, one in-process worker, a simulated-drone runtime. */
export interface BenchStack {
  readonly reads: ClusterReadModel;
  readonly query: (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;
  /** Folder of the local provider's instances. */
  readonly localRoot: string;
  /** Submits a create job of `files` (values over the package's defaults, healing settings when given) and returns at once. */
  create(files: PackageFiles, values: Record<string, unknown>, healing?: HealingSettings): Promise<SubmittedJob>;
  /** Waits for a job's workflow to end: true when it succeeded. */
  finished(job: SubmittedJob): Promise<boolean>;
  loadPackage(folder: string): Promise<PackageFiles>;
  close(): Promise<void>;
}

/** What runs beside the worker besides its activities. */
export interface BenchStackOptions {
  /**
   * The agent monitor and the resurrector, as the worker's main runs them (scans every 500 ms):
   * drones' heartbeats reach the health projection and nodes down past their grace period are healed.
   */
  readonly resurrect?: boolean;
}

/** How often the monitor derives silent nodes again and the resurrector scans, with `resurrect`. */
const HEALING_SCAN_MS = 500;

/** Starts Temporal (or reuses PITRIX_TEST_TEMPORAL_ADDRESS), a database, a NATS hub and a worker. */
export async function startBenchStack(label: string, runtimeOptions: Record<string, unknown>, options: BenchStackOptions = {}): Promise<BenchStack> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const [temporal, db, hub, workflowBundle] = await Promise.all([ensureTestTemporal(process.env), createTestDatabase(label, allSchemaModules), startTestNatsHub(), bundleWorkflows('typescript')]);
  const nats = await hub.connect(`pitrix-bench-${label}`);
  const agents: AgentPlane = await createAgentPlane(nats, hub.natsConfig);
  const localRoot = mkdtempSync(join(tmpdir(), `pitrix-bench-${label}-`));
  const entries = builtAgentEntries();
  const taskQueue = `bench-${label}-${Date.now()}`;
  const env = {
    ...process.env,
    ...hub.env,
    PITRIX_TEMPORAL_ADDRESS: temporal.address,
    PITRIX_TEMPORAL_NAMESPACE: temporal.namespace,
    PITRIX_TEMPORAL_TASK_QUEUE: taskQueue,
    PITRIX_DATABASE_URL: db.url,
    PITRIX_LOCAL_ROOT: localRoot,
    PITRIX_LOCAL_DRONE_ENTRY: entries.drone,
    PITRIX_LOCAL_FRONTGATE_ENTRY: entries.frontgate,
    PITRIX_LOCAL_DRONE_SIMULATOR_ENTRY: builtDroneSimulatorEntry(),
    PITRIX_LOCAL_BIN_PATHS: dirname(await natsServerBinary()),
  };
  const config = loadWorkerConfig(env);
  const deps = buildActivityDeps(config, { dataSource: db.dataSource, nats }, agents);
  const nativeConnection = await NativeConnection.connect({ address: temporal.address });
  const worker = await createPitrixWorker({ connection: nativeConnection, namespace: temporal.namespace, taskQueue, deps, workflowBundle, maxConcurrentActivities: 200 });
  const running = worker.run();
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: temporal.namespace });
  let monitor: AgentMonitor | undefined;
  let resurrector: Resurrector | undefined;
  if (options.resurrect) {
    const onError = (what: string) => (message: string) => console.error(`${what}: ${message}`);
    monitor = await startAgentMonitor({ registry: agents.registry, connections: agents.connections, dataSource: db.dataSource, sweepIntervalMs: HEALING_SCAN_MS, onError: onError('agent monitor') });
    resurrector = startResurrector({
      ...deps,
      temporal: client,
      taskQueue,
      healing: new HealingStore(db.dataSource),
      drones: agents.pilot,
      settings: { ...config.healing, scanMs: HEALING_SCAN_MS },
      onError: onError('resurrector'),
    });
  }

  const box = new SecretBox(parseKeyRing(config.secrets.keys));
  const runtimes = new RuntimeStore(db.dataSource, new CredentialStore(db.dataSource, box));
  const runtime = await runtimes.create({ owner: 'usr-bench', ownerPath: 'usr-bench', name: `bench-${label}`, description: '', provider: 'local', zone: 'local', credentialId: null, labels: {}, options: runtimeOptions });
  const specs = new JobSpecStore(db.dataSource, box);
  const submitter = { temporal: client, taskQueue, specs };

  return {
    reads: new ClusterReadModel(db.dataSource),
    query: (sql, params) => db.dataSource.query(sql, params) as Promise<Array<Record<string, unknown>>>,
    localRoot,
    loadPackage: (folder) => loadPackageFromDirectory(folder, loadPackageConfig(process.env).package),
    async create(files, values, healing) {
      const clusterId = newId('cluster');
      const payload = jobPayloadFromPackage(files, values, { cluster: { name: clusterId, description: '', ...(healing ? { healing } : {}) } });
      const target = { appId: `app-${label}`, versionId: `appv-${label}`, runtimeId: runtime.id };
      return submitClusterJob(submitter, { jobId: newId('job'), clusterId, operation: { action: 'create', atomic: false }, payload: { ...payload, target }, owner: 'usr-bench', ownerPath: 'usr-bench' });
    },
    finished: (job) =>
      client.workflow
        .getHandle(job.workflowId, job.runId)
        .result()
        .then(
          () => true,
          () => false,
        ),
    async close() {
      await resurrector?.stop();
      await monitor?.stop();
      worker.shutdown();
      await running;
      killLocalInstances(localRoot);
      await agents.close();
      await nats.drain();
      await connection.close();
      await nativeConnection.close();
      await Promise.all([db.drop(), hub.stop(), temporal.stop()]);
      rmSync(localRoot, { recursive: true, force: true });
    },
  };
}
