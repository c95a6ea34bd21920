import type { NatsConnection } from '@nats-io/transport-node';
import { connectPlatformNats, ensureHubTrust } from '@pitrix/agent-plane';
import type { NatsConfig } from '@pitrix/config';
import { ensureDevTls, freePort, startNatsHub, type ManagedProcess } from '@pitrix/devstack';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { natsServerBinary } from './binaries.js';

/** A private NATS hub for one test file, on free ports, configured like the dev hub. */
export interface TestNatsHub {
  /** Client URL. */
  readonly url: string;
  /** TLS leaf-node URL frontgates dial. */
  readonly leafUrl: string;
  /** HTTP monitoring URL (`/leafz`, `/connz`, ...). */
  readonly monitorUrl: string;
  /** The hub's trust folder (operator, platform and system credentials, signing keys). */
  readonly authDir: string;
  /** CA of the leaf-node certificate. */
  readonly caFile: string;
  /** The platform's NATS settings for this hub, as a process would parse them. */
  readonly natsConfig: NatsConfig;
  /** Environment variables that point a platform process at this hub. */
  readonly env: Readonly<Record<string, string>>;
  readonly dir: string;
  /** Connects as the platform user (the caller closes the connection). */
  connect(name?: string): Promise<NatsConnection>;
  /** Stops the hub (and deletes its folder unless `{ keepState: true }`). */
  stop(options?: { keepState?: boolean }): Promise<void>;
  /** Starts the stopped hub again on the same ports with the same state (accounts, JetStream). */
  restart(): Promise<void>;
}

/** Options of a test hub. */
export interface TestNatsHubOptions {
  /**
   * host:port the hub advertises to leaf nodes (default: its own leaf listener). Tests that put a
   * proxy in a frontgate's leaf link advertise an address nobody listens on, so the frontgate only
   * ever reconnects through its proxy.
   */
  readonly leafAdvertise?: string;
}

/** The three ports of a hub. */
interface HubPorts {
  readonly clientPort: number;
  readonly leafPort: number;
  readonly monitorPort: number;
}

async function freeHubPorts(): Promise<HubPorts> {
  return { clientPort: await freePort(), leafPort: await freePort(), monitorPort: await freePort() };
}

/** Starts a hub in operator mode with a fresh trust folder and TLS leaf listener, in a temp folder. */
export async function startTestNatsHub(options: TestNatsHubOptions = {}): Promise<TestNatsHub> {
  const binary = await natsServerBinary();
  const dir = mkdtempSync(join(tmpdir(), 'pitrix-nats-'));
  const authDir = join(dir, 'auth');
  const [trust, tls] = await Promise.all([ensureHubTrust(authDir), ensureDevTls(join(dir, 'tls'))]);
  const start = (ports: HubPorts) =>
    startNatsHub({
      binary,
      host: '127.0.0.1',
      ...ports,
      storeDir: join(dir, 'jetstream'),
      resolverDir: join(dir, 'accounts'),
      configFile: join(dir, 'hub.conf'),
      logFile: join(dir, 'hub.log'),
      trust,
      leafTls: { certFile: tls.certFile, keyFile: tls.keyFile },
      leafAdvertise: options.leafAdvertise,
    });
  // A free port can be taken by another process between picking it and the hub binding it
  // (test projects run side by side), so a hub that cannot listen gets fresh ports.
  let ports: HubPorts = await freeHubPorts();
  const startOnFreePorts = async (attempt: number): Promise<ManagedProcess> => {
    try {
      return await start(ports);
    } catch (err) {
      if (attempt >= 3) throw err;
      ports = await freeHubPorts();
      return startOnFreePorts(attempt + 1);
    }
  };
  let hub: ManagedProcess = await startOnFreePorts(1);
  const { clientPort, leafPort, monitorPort } = ports;
  const natsConfig: NatsConfig = { url: `nats://127.0.0.1:${clientPort}`, authDir, leafUrl: `tls://127.0.0.1:${leafPort}`, caFile: tls.caFile };
  return {
    url: natsConfig.url,
    leafUrl: natsConfig.leafUrl,
    monitorUrl: `http://127.0.0.1:${monitorPort}`,
    authDir,
    caFile: tls.caFile,
    natsConfig,
    env: { PITRIX_NATS_URL: natsConfig.url, PITRIX_NATS_AUTH_DIR: authDir, PITRIX_NATS_LEAF_URL: natsConfig.leafUrl, PITRIX_NATS_CA_FILE: tls.caFile },
    dir,
    connect: (name = 'pitrix-test') => connectPlatformNats(natsConfig, name),
    stop: async (options) => {
      await hub.stop();
      if (!options?.keepState) rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      hub = await start(ports);
    },
  };
}
