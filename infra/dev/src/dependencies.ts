import { allSchemaModules } from '@pitrix/schemas';
import type { DevStackConfig } from '@pitrix/config';
import { redactUrl } from '@pitrix/config';
import { connectDataSource, createDataSource, ensureDatabase, runMigrations } from '@pitrix/db';
import { ensureHubTrust } from '@pitrix/agent-plane';
import {
  ensureDevTls,
  ensureGoBinary,
  isPortOpen,
  natsServer,
  startNatsHub,
  startTemporalDevServer,
  temporalCli,
  type ManagedProcess,
} from '@pitrix/devstack';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '@pitrix/workflow-contract';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const log = (line: string) => console.log(`pitrix: ${line}`);

/** Builds (first run only) and returns the paths of the Temporal CLI and nats-server. */
export async function ensureBinaries(config: DevStackConfig): Promise<{ temporal: string; nats: string }> {
  const { binCache, temporalVersion, natsServerVersion } = config.devStack;
  const temporal = await ensureGoBinary(binCache, temporalCli(temporalVersion), log);
  const nats = await ensureGoBinary(binCache, natsServer(natsServerVersion), log);
  return { temporal, nats };
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
