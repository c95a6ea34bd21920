import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { startProcess, type ManagedProcess } from './managed-process.js';
import { waitForPort } from './ports.js';

/** What the hub needs to trust: the operator, the system account and the accounts it starts with. */
export interface HubTrustConfig {
  readonly operatorJwtFile: string;
  /** Public key of the system account (accounts are pushed to the resolver through it). */
  readonly systemAccount: string;
  /** Account JWTs the hub knows from its first start (system and platform), by public key. */
  readonly preload: Readonly<Record<string, string>>;
}

/** Ports, trust, TLS and folders of the platform's NATS hub. */
export interface NatsHubOptions {
  readonly binary: string;
  readonly host: string;
  readonly clientPort: number;
  readonly leafPort: number;
  readonly monitorPort: number;
  readonly storeDir: string;
  /** Folder of the account resolver: every account pushed to the hub is kept here. */
  readonly resolverDir: string;
  readonly configFile: string;
  readonly logFile: string;
  readonly pidFile?: string;
  readonly detached?: boolean;
  readonly trust: HubTrustConfig;
  /** Certificate and key of the leaf-node listener; frontgates dial it with TLS. */
  readonly leafTls: { readonly certFile: string; readonly keyFile: string };
  /**
   * host:port the hub tells frontgates to reconnect to, besides the URL they were given. Set it to
   * the address in that URL (a load balancer, a NAT): leaf nodes also try the advertised address.
   */
  readonly leafAdvertise?: string;
}

function quote(value: string): string {
  return JSON.stringify(value);
}

/**
 * Renders the hub configuration: operator (JWT) mode with the NATS-based account resolver, so a
 * frontgate account pushed by the platform is live without a restart and a revoked credential is
 * refused at once; JetStream in domain `hub` with `sync_interval: always` (a write is on disk
 * before it is acknowledged); a TLS leaf-node listener; monitoring.
 */
export function renderHubConfig(options: NatsHubOptions): string {
  const preload = Object.entries(options.trust.preload).map(([key, jwt]) => `  ${key}: ${quote(jwt)}`);
  return [
    `server_name: pitrix-hub`,
    `listen: ${quote(`${options.host}:${options.clientPort}`)}`,
    `http: ${quote(`${options.host}:${options.monitorPort}`)}`,
    `jetstream {`,
    `  store_dir: ${quote(options.storeDir)}`,
    `  domain: hub`,
    `  sync_interval: always`,
    `}`,
    `operator: ${quote(options.trust.operatorJwtFile)}`,
    `system_account: ${options.trust.systemAccount}`,
    `resolver {`,
    `  type: full`,
    `  dir: ${quote(options.resolverDir)}`,
    `  allow_delete: false`,
    `  interval: "2m"`,
    `}`,
    `resolver_preload {`,
    ...preload,
    `}`,
    `leafnodes {`,
    `  listen: ${quote(`${options.host}:${options.leafPort}`)}`,
    ...(options.leafAdvertise ? [`  advertise: ${quote(options.leafAdvertise)}`] : []),
    `  tls {`,
    `    cert_file: ${quote(options.leafTls.certFile)}`,
    `    key_file: ${quote(options.leafTls.keyFile)}`,
    `    timeout: 5`,
    `  }`,
    `}`,
    '',
  ].join('\n');
}

/** Writes the hub configuration and starts the hub; resolves when it accepts clients. */
export async function startNatsHub(options: NatsHubOptions): Promise<ManagedProcess> {
  mkdirSync(dirname(options.configFile), { recursive: true });
  mkdirSync(options.storeDir, { recursive: true });
  mkdirSync(options.resolverDir, { recursive: true });
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
