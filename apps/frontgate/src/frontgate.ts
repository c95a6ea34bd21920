import { createUser } from '@nats-io/nkeys';
import { connect, nkeyAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import type { DroneRegistration } from '@pitrix/agent-protocol';
import type { FrontgateConfig } from '@pitrix/config';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Backoff, LEAF_RESTART_BACKOFF, sleep } from './backoff.js';
import { ensureBuckets, loadCachedDrones, watchDrones } from './drone-registry.js';
import { renderLeafConfig } from './leaf-config.js';
import { LeafServer } from './leaf-server.js';
import type { Logger } from './log.js';
import { reportStatus, type StatusSources } from './status.js';

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

/** Undoes an attachment: stops the status reports and the drone watch, drains the client. */
type Detach = () => Promise<void>;

/**
 * Starts a frontgate: writes its credentials and the hub CA to its data folder and starts
 * supervising the leaf server (which dials out to the hub). It returns at once: a leaf server that
 * cannot start (its address taken) is retried with back-off, and once it is up the frontgate
 * attaches to it (its own client, the network's buckets, the drone watch, status reports). A
 * frontgate that exited instead would be restarted by its host's supervisor at a much higher cost.
 */
export async function startFrontgate(config: FrontgateConfig, log: Logger): Promise<RunningFrontgate> {
  const { frontgateId } = config.agent;
  const startedAt = Date.now();
  const files = frontgateFiles(config.agent.dataDir);
  mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  writeFileSync(files.creds, config.frontgate.credentials, { mode: 0o600 });
  writeFileSync(files.ca, config.frontgate.hubCaCert);
  const admin = createUser();
  let drones = loadCachedDrones(files.drones);
  const render = (monitorPort: number) =>
    renderLeafConfig({ frontgateId, listen: config.frontgate.listen, monitorPort, storeDir: files.store, hubLeafUrl: config.frontgate.hubLeafUrl, credentialsFile: files.creds, caFile: files.ca, adminKey: admin.getPublicKey(), drones });
  const [host, port] = splitListen(config.frontgate.listen);
  const server = new LeafServer({ binary: config.frontgate.natsServerBinary, configFile: files.config, logFile: files.log, pidFile: files.pid, render, log });
  server.start();
  const onDrones = (next: DroneRegistration[]) => {
    drones = next;
    server.reload();
    log.info(`admitting ${next.length} drone(s)`);
  };
  const status: StatusSources = {
    frontgateId,
    version: frontgateVersion(),
    get monitorUrl() {
      return server.monitorUrl;
    },
    startedAt,
    intervalMs: config.frontgate.statusIntervalMs,
    restarts: () => server.restarts,
    registeredDrones: () => new Map(drones.map((d) => [d.publicKey, d.nodeId])),
  };
  const attach = () => attachToLeaf({ host, port, seed: admin.getSeed(), dronesFile: files.drones, status, onDrones, log });
  let stopped = false;
  let detach: Detach | undefined;
  void attachWhenUp(server, attach, () => stopped, log).then((done) => {
    detach = done;
    if (done) log.info(`frontgate ${frontgateId} listening on ${config.frontgate.listen}, dialling the hub at ${config.frontgate.hubLeafUrl}`);
  });
  return {
    stop: async () => {
      stopped = true;
      await detach?.();
      await server.stop();
    },
  };
}

/** What the frontgate's own client needs once the leaf server is up. */
interface AttachOptions {
  readonly host: string;
  readonly port: number;
  readonly seed: Uint8Array;
  readonly dronesFile: string;
  readonly status: StatusSources;
  readonly onDrones: (drones: DroneRegistration[]) => void;
  readonly log: Logger;
}

/** Connects the frontgate's client to its leaf server, creates the buckets, follows the drones and reports status. */
async function attachToLeaf(options: AttachOptions): Promise<Detach> {
  const nats = await connectLocal(options.host, options.port, options.seed);
  try {
    await ensureBuckets(nats);
    const stopWatch = await watchDrones({ nats, cacheFile: options.dronesFile, log: options.log, onChange: options.onDrones });
    const stopStatus = reportStatus(nats, options.status, options.log);
    return async () => {
      stopStatus();
      stopWatch();
      await nats.drain().catch(() => undefined);
    };
  } catch (err) {
    await nats.close();
    throw err;
  }
}

/**
 * Attaches once the leaf server is up; when that fails (the server died again meanwhile) waits
 * with back-off for the next time it is up. Resolves with how to detach, or undefined once stopped.
 */
async function attachWhenUp(server: LeafServer, attach: () => Promise<Detach>, stopped: () => boolean, log: Logger): Promise<Detach | undefined> {
  const backoff = new Backoff(LEAF_RESTART_BACKOFF);
  while (!stopped()) {
    try {
      await server.whenUp();
      const detach = await attach();
      if (!stopped()) return detach;
      await detach();
    } catch (err) {
      if (stopped()) break;
      const delay = backoff.next();
      log.warn(`could not attach to the leaf server (${(err as Error).message}); trying again in ${delay / 1000} s`);
      await sleep(delay);
    }
  }
  return undefined;
}

function splitListen(listen: string): [string, number] {
  const index = listen.lastIndexOf(':');
  const host = listen.slice(0, index);
  return [host === '0.0.0.0' || host === '' ? '127.0.0.1' : host, Number(listen.slice(index + 1))];
}

function connectLocal(host: string, port: number, seed: Uint8Array): Promise<NatsConnection> {
  // Called once the server is up. Later restarts are reconnects, forever: a squatter on the port
  // that refuses our key must not make the client give up (ignoreAuthErrorAbort).
  return connect({ servers: `nats://${host}:${port}`, authenticator: nkeyAuthenticator(seed), name: 'frontgate', maxReconnectAttempts: -1, reconnectTimeWait: 250, ignoreAuthErrorAbort: true });
}
