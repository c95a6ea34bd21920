import { startReleaseWatcher } from '@pitrix/activities';
import { connectPlatformNats, createAgentPlane, startAgentMonitor } from '@pitrix/agent-plane';
import { loadWorkerConfig, refuseDevelopmentSecretKey, type WorkerConfig } from '@pitrix/config';
import { connectDataSource, createDataSource } from '@pitrix/db';
import { isPitrixError, PitrixError } from '@pitrix/errors';
import { AlarmRuleStore } from '@pitrix/cluster-store';
import { HealingStore } from '@pitrix/runtime-store';
import { allSchemaModules } from '@pitrix/schemas';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { hostname } from 'node:os';
import { buildActivityDeps } from './activity-deps.js';
import { startResurrector } from './healing/resurrector.js';
import { startAlarmEvaluator } from './monitoring/index.js';
import { bundleWorkflows, loadPrebuiltBundle } from './workflow-bundle.js';
import { createPitrixWorker } from './worker.js';

async function connectTemporal(config: WorkerConfig): Promise<NativeConnection> {
  try {
    return await NativeConnection.connect({ address: config.temporal.address });
  } catch (err) {
    throw new PitrixError(
      'SYSTEM.DEPENDENCY_UNAVAILABLE',
      `PITRIX_TEMPORAL_ADDRESS: cannot connect to Temporal at ${config.temporal.address}: ${(err as Error).message}`,
    );
  }
}

async function main(): Promise<void> {
  const config = loadWorkerConfig(process.env);
  refuseDevelopmentSecretKey({ keys: config.secrets.keys, devMode: config.installation.devMode });
  Runtime.install({ logger: new DefaultLogger(config.home.logLevel === 'debug' ? 'DEBUG' : 'WARN') });
  const dataSource = await connectDataSource(createDataSource({ ...config.database, modules: allSchemaModules, applicationName: 'pitrix-worker' }));
  const nats = await connectPlatformNats(config.nats, 'pitrix-worker');
  const agentPlane = await createAgentPlane(nats, config.nats);
  const monitor = await startAgentMonitor({
    registry: agentPlane.registry,
    connections: agentPlane.connections,
    dataSource,
    monitorRetentionHours: config.monitoring.retentionHours,
    onError: (message) => console.error(`pitrix worker: agent monitor: ${message}`),
  });
  const connection = await connectTemporal(config);
  const workflowBundle = loadPrebuiltBundle() ?? (await bundleWorkflows('compiled'));
  const deps = buildActivityDeps(config, { dataSource, nats }, agentPlane);
  const releases = await startReleaseWatcher({ ...deps, onError: (message) => console.error(`pitrix worker: pod watch: ${message}`) });
  const temporal = new Client({ connection: await Connection.connect({ address: config.temporal.address }), namespace: config.temporal.namespace });
  const resurrector = startResurrector({
    ...deps,
    temporal,
    taskQueue: config.temporal.taskQueue,
    healing: new HealingStore(dataSource),
    drones: agentPlane.pilot,
    settings: config.healing,
    onHeal: (job, nodeIds, reason) => console.log(`pitrix worker: healing ${nodeIds.join(', ')} of ${job.clusterId} (${reason}): job ${job.jobId}`),
    onError: (message) => console.error(`pitrix worker: resurrector: ${message}`),
  });
  const alarms = startAlarmEvaluator({
    dataSource,
    rules: new AlarmRuleStore(dataSource),
    events: deps.events,
    scanMs: config.monitoring.alarmScanMs,
    onError: (message) => console.error(`pitrix worker: alarm evaluator: ${message}`),
  });
  const worker = await createPitrixWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    deps,
    workflowBundle,
    identity: `pitrix-worker@${hostname()}:${process.pid}`,
  });
  console.log(`pitrix worker polling task queue ${config.temporal.taskQueue} in namespace ${config.temporal.namespace}`);
  await worker.run();
  await resurrector.stop();
  await alarms.stop();
  await temporal.connection.close();
  await releases.stop();
  await monitor.stop();
  await agentPlane.close();
  await nats.drain();
  await dataSource.destroy();
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(isPitrixError(err) ? `pitrix worker: ${err.message}` : err);
  process.exit(1);
});
