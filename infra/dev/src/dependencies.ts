import { allSchemaModules } from '@pitrix/schemas';
import type { DevStackConfig } from '@pitrix/config';
import { redactUrl } from '@pitrix/config';
import { connectDataSource, createDataSource, ensureDatabase, runMigrations } from '@pitrix/db';
import { ensureHubTrust } from '@pitrix/agent-plane';
import {
  ensureDevTls,
  ensureGoBinary,
  ensureS3ServerBinary,
  isPortOpen,
  natsServer,
  startNatsHub,
  startS3Server,
  startTemporalDevServer,
  temporalCli,
  type ManagedProcess,
} from '@pitrix/devstack';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '@pitrix/workflow-contract';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const log = (line: string) => console.log(`pitrix: ${line}`);

/** Builds (first run, or after a change of infra/s3) and returns the paths of the Temporal CLI, nats-server and the S3 server. */
export async function ensureBinaries(config: DevStackConfig): Promise<{ temporal: string; nats: string; s3: string }> {
  const { binCache, temporalVersion, natsServerVersion } = config.devStack;
  const temporal = await ensureGoBinary(binCache, temporalCli(temporalVersion), log);
  const nats = await ensureGoBinary(binCache, natsServer(natsServerVersion), log);
  const s3 = await ensureS3ServerBinary(binCache, log);
  return { temporal, nats, s3 };
}

function hostAndPort(address: string): { host: string; port: number } {
  const [host, port] = address.split(':');
  return { host: host as string, port: Number(port) };
}

/**
 * Starts the dev Temporal server (SQLite under PITRIX_HOME, web UI) unless something already
 * serves PITRIX_TEMPORAL_ADDRESS, in which case that server is used as it is.
 */
export async function startTemporal(config: DevStackConfig, binary: string): Promise<ManagedProcess | undefined> {
  const { host, port } = hostAndPort(config.temporal.address);
  const run = join(config.home.home, 'run');
  const temporal = await startOrReuse(`Temporal at ${config.temporal.address}`, host, port, join(run, 'temporal.pid'), binary, () =>
    startTemporalDevServer({
      binary,
      host,
      port,
      uiPort: config.devStack.temporalUiPort,
      dbFile: join(config.home.home, 'temporal', 'pitrix.sqlite'),
      namespace: config.temporal.namespace,
      searchAttributes: SEARCH_ATTRIBUTE_REGISTRATIONS,
      logFile: join(config.home.home, 'logs', 'temporal.log'),
      pidFile: join(run, 'temporal.pid'),
      detached: true,
    }),
  );
  return temporal;
}

/**
 * Starts the NATS hub on the configured ports unless something already serves PITRIX_NATS_URL.
 * The first start creates the hub's trust folder (PITRIX_NATS_AUTH_DIR) and a development CA
 * with the leaf-node certificate (next to PITRIX_NATS_CA_FILE, by default `.pitrix/tls/`).
 */
export async function startHub(config: DevStackConfig, binary: string): Promise<ManagedProcess | undefined> {
  const url = new URL(config.nats.url);
  const host = url.hostname;
  const port = Number(url.port || 4222);
  const run = join(config.home.home, 'run');
  return startOrReuse(`the NATS hub at ${config.nats.url}`, host, port, join(run, 'nats-hub.pid'), binary, async () => {
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
      logFile: join(config.home.home, 'logs', 'nats-hub.log'),
      pidFile: join(run, 'nats-hub.pid'),
      trust,
      leafTls: { certFile: tls.certFile, keyFile: tls.keyFile },
      leafAdvertise: new URL(config.nats.leafUrl).host,
      detached: true,
    });
  });
}

/**
 * Starts the project's S3 server on the host and port of PITRIX_S3_ENDPOINT, objects under
 * `.pitrix/s3`, unless the endpoint is not on this machine (AWS or another S3-compatible server)
 * or something already serves it.
 */
export async function startS3(config: DevStackConfig, binary: string): Promise<ManagedProcess | undefined> {
  const endpoint = new URL(config.s3.endpoint);
  const host = endpoint.hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    log(`using S3 at ${config.s3.endpoint} (not on this machine)`);
    return undefined;
  }
  const port = Number(endpoint.port || (endpoint.protocol === 'https:' ? 443 : 80));
  const dir = join(config.home.home, 's3');
  const run = join(config.home.home, 'run');
  return startOrReuse(`the S3 server at ${config.s3.endpoint}`, host, port, join(run, 's3.pid'), binary, async () => {
    const server = await startS3Server({
      binary,
      host,
      port,
      accessKey: config.devStack.s3AccessKeyId,
      secretKey: config.devStack.s3SecretAccessKey,
      buckets: config.devStack.s3Buckets,
      dir,
      dataDir: join(dir, 'data'),
      logFile: join(config.home.home, 'logs', 's3.log'),
      pidFile: join(run, 's3.pid'),
      detached: true,
    });
    return server.process;
  });
}

async function startOrReuse(
  what: string,
  host: string,
  port: number,
  pidFile: string,
  binary: string,
  start: () => Promise<ManagedProcess>,
): Promise<ManagedProcess | undefined> {
  // A server of ours left behind by a crashed launcher is restarted (start() stops it first).
  if (!existsSync(pidFile) && (await isPortOpen(host, port))) {
    log(`using ${what}, which is already running (not started by pitrix)`);
    return undefined;
  }
  log(`starting ${what} (${binary})`);
  return start();
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
