import { createUser } from '@nats-io/nkeys';
import { connect, nkeyAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import type { DroneRegistration } from '@pitrix/agent-protocol';
import type { FrontgateConfig } from '@pitrix/config';
import { freePort } from '@pitrix/devstack';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuckets, loadCachedDrones, watchDrones } from './drone-registry.js';
import { renderLeafConfig } from './leaf-config.js';
import { LeafServer } from './leaf-server.js';
import type { Logger } from './log.js';
import { reportStatus } from './status.js';

/** A running frontgate: its leaf server, its own client and the loops that keep them current. */
export interface RunningFrontgate {
  stop(): Promise<void>;
}

/** The frontgate's version, from its package. */
export function frontgateVersion(): string {
  return (JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')) as { version: string }).version;
}

/** The frontgate's files in its data folder. */
function frontgateFiles(dataDir: string) {
  const dir = join(dataDir, 'frontgate');
  return {
    dir,
    creds: join(dir, 'hub.creds'),
    ca: join(dir, 'hub-ca.pem'),
    config: join(dir, 'leaf.conf'),
    drones: join(dir, 'drones.json'),
    log: join(dir, 'nats-server.log'),
    pid: join(dir, 'nats-server.pid'),
    store: join(dir, 'jetstream'),
  };
}

/**
 * Starts a frontgate: writes its credentials and the hub CA to its data folder, starts the leaf
 * server (which dials out to the hub), creates the network's buckets, then keeps the admitted
 * drones in step with the platform's registrations and reports status to the hub.
 */
export async function startFrontgate(config: FrontgateConfig, log: Logger): Promise<RunningFrontgate> {
  const { frontgateId } = config.agent;
  const files = frontgateFiles(config.agent.dataDir);
  mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  writeFileSync(files.creds, config.frontgate.credentials, { mode: 0o600 });
  writeFileSync(files.ca, config.frontgate.hubCaCert);
  const admin = createUser();
  const monitorPort = await freePort();
  let drones = loadCachedDrones(files.drones);
  const render = () =>
    renderLeafConfig({ frontgateId, listen: config.frontgate.listen, monitorPort, storeDir: files.store, hubLeafUrl: config.frontgate.hubLeafUrl, credentialsFile: files.creds, caFile: files.ca, adminKey: admin.getPublicKey(), drones });
  const [host, port] = splitListen(config.frontgate.listen);
  const server = new LeafServer({ binary: config.frontgate.natsServerBinary, configFile: files.config, logFile: files.log, pidFile: files.pid, host, port, log });
  await server.start(render());
  const nats = await connectLocal(host, port, admin.getSeed());
  await ensureBuckets(nats);
  const onChange = (next: DroneRegistration[]) => {
    drones = next;
    server.reload(render());
    log.info(`admitting ${next.length} drone(s)`);
  };
  const stopWatch = await watchDrones({ nats, cacheFile: files.drones, log, onChange });
  const stopStatus = reportStatus(
    nats,
    {
      frontgateId,
      version: frontgateVersion(),
      monitorUrl: `http://127.0.0.1:${monitorPort}`,
      startedAt: Date.now(),
      intervalMs: config.frontgate.statusIntervalMs,
      restarts: () => server.restarts,
      registeredKeys: () => new Set(drones.map((d) => d.publicKey)),
    },
    log,
  );
  log.info(`frontgate ${frontgateId} listening on ${config.frontgate.listen}, dialling the hub at ${config.frontgate.hubLeafUrl}`);
  return {
    stop: async () => {
      stopStatus();
      stopWatch();
      await nats.drain().catch(() => undefined);
      await server.stop();
    },
  };
}

function splitListen(listen: string): [string, number] {
  const index = listen.lastIndexOf(':');
  const host = listen.slice(0, index);
  return [host === '0.0.0.0' || host === '' ? '127.0.0.1' : host, Number(listen.slice(index + 1))];
}

function connectLocal(host: string, port: number, seed: Uint8Array): Promise<NatsConnection> {
  return connect({ servers: `nats://${host}:${port}`, authenticator: nkeyAuthenticator(seed), name: 'frontgate', maxReconnectAttempts: -1, reconnectTimeWait: 250 });
}
