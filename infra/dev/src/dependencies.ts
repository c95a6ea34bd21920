import { allSchemaModules } from '@pitrix/schemas';
import type { DevStackConfig } from '@pitrix/config';
import { redactUrl } from '@pitrix/config';
import { connectDataSource, createDataSource, ensureDatabase, runMigrations } from '@pitrix/db';
import { ensureHubTrust } from '@pitrix/agent-plane';
import {
  ensureDevTls,
  ensureGoBinary,
  ensureS3ServerBinary,
  natsServer,
  startNatsHub,
  startS3Server,
  startTemporalDevServer,
  temporalCli,
  type ManagedProcess,
} from '@pitrix/devstack';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '@pitrix/workflow-contract';
import { dirname, join } from 'node:path';
import { stackAddresses } from './stack-addresses.js';
import { logFile, pidFile } from './stack-files.js';
import type { StackBinaries } from './stack-plan.js';

const log = (line: string) => console.log(`pitrix: ${line}`);

/** Builds (first run, or after a change of infra/s3) and returns the paths of the Temporal CLI, nats-server and the S3 server. */
export async function ensureBinaries(config: DevStackConfig): Promise<StackBinaries> {
  const { binCache, temporalVersion, natsServerVersion } = config.devStack;
  const temporal = await ensureGoBinary(binCache, temporalCli(temporalVersion), log);
  const nats = await ensureGoBinary(binCache, natsServer(natsServerVersion), log);
  const s3 = await ensureS3ServerBinary(binCache, log);
  return { temporal, nats, s3 };
}

/** Starts the dev Temporal server (SQLite under PITRIX_HOME, web UI); `planStack` decides whether to. */
export async function startTemporal(config: DevStackConfig, binary: string): Promise<ManagedProcess> {
  const { host, port } = stackAddresses(config).temporal;
  log(`starting Temporal at ${config.temporal.address} (${binary})`);
  return startTemporalDevServer({
    binary,
    host,
    port,
    uiPort: config.devStack.temporalUiPort,
    dbFile: join(config.home.home, 'temporal', 'pitrix.sqlite'),
    namespace: config.temporal.namespace,
    searchAttributes: SEARCH_ATTRIBUTE_REGISTRATIONS,
    logFile: logFile(config, 'temporal'),
    pidFile: pidFile(config, 'temporal'),
    detached: true,
  });
}

/**
 * Starts the NATS hub on the configured ports; `planStack` decides whether to. The first start
 * creates the hub's trust folder (PITRIX_NATS_AUTH_DIR) and a development CA with the leaf-node
 * certificate (next to PITRIX_NATS_CA_FILE, by default `.pitrix/tls/`).
 */
export async function startHub(config: DevStackConfig, binary: string): Promise<ManagedProcess> {
  const { host, port } = stackAddresses(config).hub;
  log(`starting the NATS hub at ${config.nats.url} (${binary})`);
  const trust = await ensureHubTrust(config.nats.authDir);
  const tls = await ensureDevTls(dirname(config.nats.caFile));
  return startNatsHub({
    binary,
    host,
    clientPort: port,
    leafPort: config.devStack.natsLeafPort,
    monitorPort: config.devStack.natsMonitorPort,
    storeDir: join(config.home.home, 'nats', 'jetstream'),
    resolverDir: join(config.home.home, 'nats', 'accounts'),
    configFile: join(config.home.home, 'nats', 'hub.conf'),
    logFile: logFile(config, 'nats-hub'),
    pidFile: pidFile(config, 'nats-hub'),
    trust,
    leafTls: { certFile: tls.certFile, keyFile: tls.keyFile },
    leafAdvertise: new URL(config.nats.leafUrl).host,
    detached: true,
  });
}

/** Starts the project's S3 server on the host and port of PITRIX_S3_ENDPOINT, objects under `.pitrix/s3`; `planStack` decides whether to. */
export async function startS3(config: DevStackConfig, binary: string): Promise<ManagedProcess> {
  const { host, port } = stackAddresses(config).s3;
  const dir = join(config.home.home, 's3');
  log(`starting the S3 server at ${config.s3.endpoint} (${binary})`);
  const server = await startS3Server({
    binary,
    host,
    port,
    accessKey: config.devStack.s3AccessKeyId,
    secretKey: config.devStack.s3SecretAccessKey,
    buckets: config.devStack.s3Buckets,
    dir,
    dataDir: join(dir, 'data'),
    logFile: logFile(config, 's3'),
    pidFile: pidFile(config, 's3'),
    detached: true,
  });
  return server.process;
}

/** Creates the database when missing and applies pending migrations. */
export async function prepareDatabase(config: DevStackConfig): Promise<void> {
  const created = await ensureDatabase(config.database.url);
  if (created) log(`created database ${redactUrl(config.database.url)}`);
  const dataSource = await connectDataSource(createDataSource({ ...config.database, modules: allSchemaModules, applicationName: 'pitrix-migrate' }));
  try {
    const applied = await runMigrations(dataSource);
    if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
  } finally {
    await dataSource.destroy();
  }
}
