import type { NatsConnection } from '@nats-io/transport-node';
import { createAgentPlane, type AgentPlane, type NodeIdentity } from '@pitrix/agent-plane';
import { startTestFrontgate, startTestNatsHub, type TestFrontgate, type TestNatsHub } from '@pitrix/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DroneSimulatorHost } from '../src/simulator.js';

/** Polls `probe` until it is true or `timeoutMs` passes. */
async function eventually(what: string, probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the drone simulator host follows its folder of drone specs', () => {
  let hub: TestNatsHub;
  let nats: NatsConnection;
  let plane: AgentPlane;
  let frontgate: TestFrontgate;
  let dronesDir: string;
  let host: DroneSimulatorHost;
  const warnings: string[] = [];

  const reachable = (nodeId: string) => plane.pilot.pingDrone('fg-sim', nodeId, 500).then(() => true, () => false);

  async function writeSpec(instanceId: string, node: NodeIdentity, commandMs: number): Promise<void> {
    const bootstrap = await plane.credentials.droneBootstrap({ frontgateId: 'fg-sim', frontgateUrl: frontgate.url, node });
    writeFileSync(join(dronesDir, `${instanceId}.json`), JSON.stringify({ env: { ...bootstrap.env, PITRIX_DATA_DIR: dronesDir, PITRIX_PRIVATE_IP: '127.0.0.1' }, commandMs }));
  }

  beforeAll(async () => {
    hub = await startTestNatsHub();
    nats = await hub.connect();
    plane = await createAgentPlane(nats, hub.natsConfig);
    frontgate = await startTestFrontgate(plane, { frontgateId: 'fg-sim' });
    dronesDir = mkdtempSync(join(tmpdir(), 'pitrix-simulator-test-'));
    host = new DroneSimulatorHost(dronesDir, { info: () => undefined, warn: (message) => warnings.push(message) });
    host.start(50);
  });

  afterAll(async () => {
    await host?.stop();
    await frontgate?.stop();
    await plane?.close();
    await nats?.close();
    await hub?.stop();
    if (dronesDir) rmSync(dronesDir, { recursive: true, force: true });
  });

  it('connects a drone per spec file, answers commands after the configured time, and disconnects it when the file goes', async () => {
    await writeSpec('i-one', { clusterId: 'cl-sim', nodeId: 'cln-one', role: 'server', serverId: 1, groupId: 1 }, 300);
    await writeSpec('i-two', { clusterId: 'cl-sim', nodeId: 'cln-two', role: 'server', serverId: 2, groupId: 2 }, 0);
    await eventually('both simulated drones answer pings', async () => (await reachable('cln-one')) && (await reachable('cln-two')));
    expect(host.size).toBe(2);

    const started = Date.now();
    const outcome = await plane.pilot.runCommand('fg-sim', 'cln-one', { id: 'sim-cmd-1', cmd: 'exit 7' });
    expect(outcome).toMatchObject({ commandId: 'sim-cmd-1', exitCode: 0, stdoutTail: 'simulated on cln-one\n' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);

    rmSync(join(dronesDir, 'i-one.json'));
    await eventually('the drone of a removed spec stops answering', async () => !(await reachable('cln-one')));
    expect(host.size).toBe(1);
    expect(await reachable('cln-two')).toBe(true);
  });

  it('reports a spec it cannot use and keeps serving the others', async () => {
    writeFileSync(join(dronesDir, 'i-broken.json'), JSON.stringify({ env: { PITRIX_DATA_DIR: dronesDir }, commandMs: 0 }));
    await eventually('a warning about the broken spec', async () => warnings.some((message) => message.includes('i-broken')));
    expect(await reachable('cln-two')).toBe(true);
  });
});
