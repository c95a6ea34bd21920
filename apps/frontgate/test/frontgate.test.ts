import type { NatsConnection } from '@nats-io/transport-node';
import { createAgentPlane, type AgentPlane } from '@pitrix/agent-plane';
import { decodeMessage, frontgateSubjects, FrontgateStatusSchema } from '@pitrix/agent-protocol';
import { isPortOpen } from '@pitrix/devstack';
import { startTestDrone, startTestFrontgate, startTestNatsHub, type TestFrontgate, type TestNatsHub } from '@pitrix/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('a frontgate process against a real hub', () => {
  let hub: TestNatsHub;
  let nats: NatsConnection;
  let plane: AgentPlane;
  let frontgate: TestFrontgate;

  beforeAll(async () => {
    hub = await startTestNatsHub();
    nats = await hub.connect();
    plane = await createAgentPlane(nats, hub.natsConfig);
    frontgate = await startTestFrontgate(plane, { frontgateId: 'fg-a', host: '127.31.0.1' });
  });
  afterAll(async () => {
    await frontgate?.stop();
    await plane?.close();
    await nats?.close();
    await hub?.stop();
  });

  it('dials out to the hub over TLS and answers pings with its status and versions', async () => {
    const status = await plane.pilot.pingFrontgate('fg-a');
    expect(status).toMatchObject({ frontgateId: 'fg-a', leafConnected: true, serverRestarts: 0, registeredDrones: 0, connectedDrones: 0, connectedNodeIds: [] });
    expect(status.natsServerVersion).toMatch(/^2\.12\./);
    expect(status.frontgateVersion).toBe('0.1.0');
    const leafz = (await (await fetch(`${hub.monitorUrl}/leafz`)).json()) as { leafs: Array<{ name: string; account: string }> };
    const record = await plane.registry.get('fg-a');
    expect(leafz.leafs).toEqual([expect.objectContaining({ name: 'frontgate-fg-a', account: record.account })]);
  });

  it('listens for drones on the address it is given, and a drone there needs nothing but its URL', async () => {
    const port = Number(new URL(frontgate.url).port);
    expect(frontgate.url).toBe(`nats://127.31.0.1:${port}`);
    expect(await isPortOpen('127.31.0.1', port)).toBe(true);
    expect(await isPortOpen('127.0.0.1', port)).toBe(false);
    const drone = await startTestDrone(plane, frontgate, { clusterId: 'cl-1', nodeId: 'cln-ns', role: '', serverId: 1, groupId: 1 }, { privateIp: '127.31.0.7' });
    try {
      expect(drone.metadataUrl).toMatch(/^http:\/\/127\.31\.0\.7:\d+$/);
      expect((await plane.pilot.runCommand('fg-a', 'cln-ns', { id: 'where', cmd: 'echo $PITRIX_PRIVATE_IP' })).stdoutTail).toBe('127.31.0.7\n');
      expect(await plane.pilot.pingFrontgate('fg-a')).toMatchObject({ connectedDrones: 1, connectedNodeIds: ['cln-ns'] });
    } finally {
      await drone.stop();
    }
    await expect.poll(async () => (await plane.pilot.pingFrontgate('fg-a')).connectedNodeIds, { timeout: 10_000 }).toEqual([]);
  });

  it('publishes its status to the hub every interval', async () => {
    const connection = await plane.connections.get('fg-a');
    const sub = connection.subscribe(frontgateSubjects('fg-a').status, { max: 1 });
    for await (const msg of sub) expect(decodeMessage(FrontgateStatusSchema, msg.data).frontgateId).toBe('fg-a');
    expect(sub.getReceived()).toBe(1);
  });

  it('holds the network metadata bucket in its own JetStream domain, writable from the platform', async () => {
    const written = await plane.metadata.write('fg-a', 'cl-1', { cluster: { cluster_id: 'cl-1' }, env: { a: '1' } });
    expect(written.revision).toBeGreaterThanOrEqual(2);
  });

  it('restarts its leaf server when it dies, and reports the restart', async () => {
    const pid = Number(readFileSync(join(frontgate.dataDir, 'frontgate/nats-server.pid'), 'utf8'));
    process.kill(pid, 'SIGKILL');
    const deadline = Date.now() + 15_000;
    let restarts = 0;
    while (Date.now() < deadline && restarts === 0) {
      restarts = await plane.pilot.pingFrontgate('fg-a', 500).then((s) => (s.leafConnected ? s.serverRestarts : 0), () => 0);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(restarts).toBe(1);
    const written = await plane.metadata.write('fg-a', 'cl-1', { env: { a: '2' } });
    expect(written.revision).toBeGreaterThanOrEqual(3);
  });
});
