import { AGENT_ENTRIES, frontgateClientUrl, type AgentBootstrap, type AgentPlane, type NodeIdentity } from '@pitrix/agent-plane';
import { freePort, startProcess, type ManagedProcess } from '@pitrix/devstack';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { natsServerBinary } from './binaries.js';

const workspaceRoot = join(__dirname, '../../..');

/** An agent process under test: restartable with the same environment and data folder. */
export interface TestAgent {
  readonly dataDir: string;
  readonly logFile: string;
  readonly process: ManagedProcess;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  /** SIGKILL and wait (a crash). */
  kill(): Promise<void>;
  /** Starts the agent again with the same environment and data folder. */
  start(): Promise<void>;
}

/** A frontgate under test. */
export interface TestFrontgate extends TestAgent {
  readonly frontgateId: string;
  /** Client URL drones connect to. */
  readonly url: string;
}

/** A drone under test. */
export interface TestDrone extends TestAgent {
  readonly node: NodeIdentity;
  readonly metadataUrl: string;
}

function agentProcess(kind: 'frontgate' | 'drone', name: string, dataDir: string, env: Record<string, string>): TestAgent {
  const logFile = join(dataDir, `${kind}.log`);
  const spawn = () => startProcess({ name, command: process.execPath, args: ['--enable-source-maps', join(workspaceRoot, AGENT_ENTRIES[kind])], logFile, env: { PATH: process.env.PATH ?? '', ...env } });
  const agent = {
    dataDir,
    logFile,
    process: undefined as unknown as ManagedProcess,
    stop: () => agent.process.stop(5_000),
    kill: () => agent.process.kill(),
    start: async () => {
      agent.process = await spawn();
    },
  };
  return agent;
}

/**
 * Starts the built frontgate `frontgateId` with a bootstrap from `plane`, listening on `host`
 * (default 127.0.0.1) and a free port; resolves when the hub can ping it.
 */
export async function startTestFrontgate(plane: AgentPlane, options: { frontgateId: string; host?: string; hubLeafUrl?: string; env?: Record<string, string> }): Promise<TestFrontgate> {
  const host = options.host ?? '127.0.0.1';
  const port = await freePort(host);
  const listen = `${host}:${port}`;
  const bootstrap = await plane.credentials.frontgateBootstrap({ frontgateId: options.frontgateId, listen });
  const dataDir = mkdtempSync(join(tmpdir(), `pitrix-${options.frontgateId}-`));
  const env = { ...bootstrap.env, PITRIX_DATA_DIR: dataDir, PITRIX_NATS_SERVER_BINARY: await natsServerBinary(), PITRIX_FRONTGATE_STATUS_INTERVAL_MS: '1000', ...(options.hubLeafUrl ? { PITRIX_HUB_LEAF_URL: options.hubLeafUrl } : {}), ...options.env };
  const agent = agentProcess('frontgate', `frontgate-${options.frontgateId}`, dataDir, env);
  await agent.start();
  await waitFor(`frontgate ${options.frontgateId}`, agent, () => plane.pilot.pingFrontgate(options.frontgateId, 500));
  return Object.assign(agent, { frontgateId: options.frontgateId, url: frontgateClientUrl(listen) });
}

/**
 * Registers and starts the built drone of `node` on `frontgate`, with its metadata server on its
 * private address (default 127.0.0.1) and a free port; resolves when the hub can ping it.
 */
export async function startTestDrone(
  plane: AgentPlane,
  frontgate: TestFrontgate,
  node: NodeIdentity,
  options: { privateIp?: string; env?: Record<string, string>; bootstrap?: AgentBootstrap } = {},
): Promise<TestDrone> {
  const privateIp = options.privateIp ?? '127.0.0.1';
  const bootstrap = options.bootstrap ?? (await plane.credentials.droneBootstrap({ frontgateId: frontgate.frontgateId, frontgateUrl: frontgate.url, node }));
  const dataDir = mkdtempSync(join(tmpdir(), `pitrix-${node.nodeId}-`));
  chmodSync(dataDir, 0o755);
  const metadataPort = await freePort(privateIp);
  const env = { ...bootstrap.env, PITRIX_DATA_DIR: dataDir, PITRIX_PRIVATE_IP: privateIp, PITRIX_METADATA_PORT: String(metadataPort), PITRIX_HEARTBEAT_INTERVAL_MS: '500', ...options.env };
  const agent = agentProcess('drone', `drone-${node.nodeId}`, dataDir, env);
  await agent.start();
  await waitFor(`drone ${node.nodeId}`, agent, () => plane.pilot.pingDrone(frontgate.frontgateId, node.nodeId, 500));
  return Object.assign(agent, { node, metadataUrl: `http://${privateIp}:${metadataPort}` });
}

/** Retries `probe` every 100 ms until it resolves, the agent exits, or 20 s pass. */
export async function waitFor(what: string, agent: TestAgent, probe: () => Promise<unknown>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!agent.process.isAlive()) throw new Error(`${what} exited; see ${agent.logFile}`);
    if (await probe().then(() => true, () => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} not ready within ${timeoutMs} ms; see ${agent.logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Absolute paths of the built agents, as a provider starts them (build them before the test). */
export function builtAgentEntries(): { frontgate: string; drone: string } {
  return { frontgate: join(workspaceRoot, AGENT_ENTRIES.frontgate), drone: join(workspaceRoot, AGENT_ENTRIES.drone) };
}

/** The built drone simulator's entry (build `@pitrix/drone-simulator` first). */
export function builtDroneSimulatorEntry(): string {
  return join(workspaceRoot, 'apps/drone-simulator/dist/main.js');
}
