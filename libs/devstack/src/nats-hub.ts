import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { startProcess, type ManagedProcess } from './managed-process.js';
import { waitForPort } from './ports.js';

/** Ports, credentials and folders of the platform's NATS hub. */
export interface NatsHubOptions {
  readonly binary: string;
  readonly host: string;
  readonly clientPort: number;
  readonly leafPort: number;
  readonly monitorPort: number;
  readonly storeDir: string;
  readonly configFile: string;
  readonly logFile: string;
  readonly pidFile?: string;
  readonly detached?: boolean;
  readonly platformUser: string;
  readonly platformPassword: string;
  /** Extra configuration appended to the generated file (accounts of frontgates, TLS). */
  readonly extraConfig?: string;
}

function quote(value: string): string {
  return JSON.stringify(value);
}

/**
 * Renders the hub configuration: JetStream in domain `hub` with `sync_interval: always` (a
 * write is on disk before it is acknowledged), a leaf-node listener, monitoring, and the
 * platform user in its own account.
 */
export function renderHubConfig(options: NatsHubOptions): string {
  return [
    `server_name: pitrix-hub`,
    `listen: ${quote(`${options.host}:${options.clientPort}`)}`,
    `http: ${quote(`${options.host}:${options.monitorPort}`)}`,
    `jetstream {`,
    `  store_dir: ${quote(options.storeDir)}`,
    `  domain: hub`,
    `  sync_interval: always`,
    `}`,
    `leafnodes {`,
    `  listen: ${quote(`${options.host}:${options.leafPort}`)}`,
    `}`,
    `accounts {`,
    `  PLATFORM {`,
    `    jetstream: enabled`,
    `    users: [ { user: ${quote(options.platformUser)}, password: ${quote(options.platformPassword)} } ]`,
    `  }`,
    `}`,
    options.extraConfig ?? '',
    '',
  ].join('\n');
}

/** Writes the hub configuration and starts the hub; resolves when it accepts clients. */
export async function startNatsHub(options: NatsHubOptions): Promise<ManagedProcess> {
  mkdirSync(dirname(options.configFile), { recursive: true });
  mkdirSync(options.storeDir, { recursive: true });
  writeFileSync(options.configFile, renderHubConfig(options), { mode: 0o600 });
  const hub = await startProcess({
    name: 'nats-hub',
    command: options.binary,
    args: ['-c', options.configFile],
    logFile: options.logFile,
    pidFile: options.pidFile,
    detached: options.detached,
  });
  try {
    await waitForPort(options.host, options.clientPort, { timeoutMs: 20_000, what: 'NATS hub', isAlive: hub.isAlive });
  } catch (err) {
    await hub.stop();
    throw new Error(`${(err as Error).message}; see ${options.logFile}`);
  }
  return hub;
}
