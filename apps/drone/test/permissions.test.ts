import { jetstream } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect, nkeyAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import { droneSubjects, METADATA_BUCKET } from '@pitrix/agent-protocol';
import { hasErrorCode } from '@pitrix/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentNetwork, type AgentNetwork } from './support/agent-network.js';

/** Connects with a freshly registered drone credential of `nodeId`, once its frontgate admits it. */
async function connectAsDrone(net: AgentNetwork, frontgateId: string, nodeId: string): Promise<NatsConnection> {
  const seed = await net.plane.credentials.registerDrone(frontgateId, { clusterId: 'cl-1', nodeId });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await connect({
        servers: net.frontgates.get(frontgateId)!.url,
        authenticator: nkeyAuthenticator(new TextEncoder().encode(seed)),
        inboxPrefix: droneSubjects(frontgateId, nodeId).inboxPrefix,
        maxReconnectAttempts: 0,
        timeout: 2_000,
      });
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The error a subscription to `subject` gets from the server (or undefined if none within 1 s). */
function subscriptionError(nats: NatsConnection, subject: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 1_000);
    nats.subscribe(subject, {
      callback: (err) => {
        if (!err) return;
        clearTimeout(timer);
        resolve(err.message);
      },
    });
  });
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return (err as Error).message;
  }
  return 'no error';
}

describe('isolation between networks and revocation of credentials', () => {
  let net: AgentNetwork;

  beforeAll(async () => {
    net = await startAgentNetwork();
    await Promise.all([net.addFrontgate('fg-a'), net.addFrontgate('fg-b')]);
    await Promise.all([net.addDrone('fg-a', { nodeId: 'cln-a1' }), net.addDrone('fg-a', { nodeId: 'cln-a2' }), net.addDrone('fg-b', { nodeId: 'cln-b1' })]);
    await net.plane.metadata.write('fg-b', 'cl-b', { cluster: { cluster_id: 'cl-b' }, env: { secret: 'of-b' } });
    await net.plane.metadata.write('fg-a', 'cl-1', { cluster: { cluster_id: 'cl-1' } });
  });
  afterAll(() => net?.close());

  it("a drone of network A cannot subscribe to network B's subjects, nor to another drone's, nor to everything", async () => {
    const spy = await connectAsDrone(net, 'fg-a', 'cln-spy');
    try {
      expect(await subscriptionError(spy, 'pitrix.fg.fg-b.>')).toMatch(/Permissions Violation for Subscription/);
      expect(await subscriptionError(spy, droneSubjects('fg-a', 'cln-a2').inbound)).toMatch(/Permissions Violation for Subscription/);
      expect(await subscriptionError(spy, '>')).toMatch(/Permissions Violation for Subscription/);
      expect(await subscriptionError(spy, '_INBOX.>')).toMatch(/Permissions Violation for Subscription/);
      expect(await subscriptionError(spy, droneSubjects('fg-a', 'cln-spy').inbound)).toBeUndefined();
    } finally {
      await spy.close();
    }
  });

  it("a drone of network A cannot read B's metadata, and may read but not write its own", async () => {
    const spy = await connectAsDrone(net, 'fg-a', 'cln-spy2');
    try {
      const foreign = await new Kvm(jetstream(spy, { domain: 'fg-b', timeout: 2_000 })).open(METADATA_BUCKET);
      expect(await rejection(foreign.get('clusters.cl-b.env'))).toMatch(/Permissions Violation for Publish to "\$JS\.fg-b\.API\./);
      const own = await new Kvm(spy).open(METADATA_BUCKET);
      expect((await own.get('clusters.cl-1.cluster'))?.json()).toEqual({ cluster_id: 'cl-1' });
      expect(await rejection(own.put('clusters.cl-1.cluster', '{}'))).toMatch(/Permissions Violation/);
      expect(await rejection(spy.request(droneSubjects('fg-b', 'cln-b1').ping, new Uint8Array(), { timeout: 1_000 }))).not.toBe('no error');
    } finally {
      await spy.close();
    }
  });

  it("nothing of network B reaches network A's hub account, even with a wildcard subscription", async () => {
    const intoA = await net.plane.connections.get('fg-a');
    const seen: string[] = [];
    const sub = intoA.subscribe('>', {
      callback: (_err, msg) => {
        seen.push(msg.subject);
      },
    });
    await intoA.flush();
    await net.plane.pilot.runCommand('fg-b', 'cln-b1', { id: 'b-traffic', cmd: 'echo b' });
    await net.plane.metadata.write('fg-b', 'cl-b', { env: { secret: 'still-b' } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    sub.unsubscribe();
    expect(seen.filter((subject) => subject.includes('fg-b'))).toEqual([]);
  });

  it('a drone cannot pose as another: its events for another node are refused', async () => {
    const spy = await connectAsDrone(net, 'fg-a', 'cln-spy3');
    const errors: string[] = [];
    void (async () => {
      for await (const status of spy.status()) if (status.type === 'error') errors.push(String(status.error));
    })();
    spy.publish(droneSubjects('fg-a', 'cln-a2').heartbeat, 'forged');
    await spy.flush().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(errors.join()).toMatch(/Permissions Violation for Publish/);
    await spy.close();
  });

  it("a revoked drone credential is refused while the network's other drones keep working", async () => {
    await net.plane.credentials.revokeDrone('fg-a', 'cln-a2');
    const deadline = Date.now() + 10_000;
    let reachable = true;
    while (reachable && Date.now() < deadline) {
      reachable = await net.plane.pilot.pingDrone('fg-a', 'cln-a2', 300).then(() => true, () => false);
    }
    expect(reachable).toBe(false);
    expect((await net.plane.pilot.runCommand('fg-a', 'cln-a1', { id: 'a1-after-revoke', cmd: 'echo ok' })).stdoutTail).toBe('ok\n');
  });

  it("a revoked frontgate's leaf connection is dropped and refused, while the other frontgate keeps working", async () => {
    await net.plane.credentials.revokeFrontgate('fg-b');
    const deadline = Date.now() + 10_000;
    let leafs: string[] = [];
    do {
      await new Promise((resolve) => setTimeout(resolve, 200));
      leafs = ((await (await fetch(`${net.hub.monitorUrl}/leafz`)).json()) as { leafs?: Array<{ name: string }> }).leafs?.map((l) => l.name) ?? [];
    } while (leafs.includes('frontgate-fg-b') && Date.now() < deadline);
    expect(leafs).toEqual(['frontgate-fg-a']);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const stillOut = ((await (await fetch(`${net.hub.monitorUrl}/leafz`)).json()) as { leafs?: Array<{ name: string }> }).leafs?.map((l) => l.name);
    expect(stillOut).toEqual(['frontgate-fg-a']);
    try {
      await net.plane.pilot.pingFrontgate('fg-b');
      expect.unreachable();
    } catch (err) {
      expect(hasErrorCode(err, 'AGENT.FRONTGATE_NOT_FOUND')).toBe(true);
    }
    expect((await net.plane.pilot.runCommand('fg-a', 'cln-a1', { id: 'a1-after-b-revoked', cmd: 'echo still' })).stdoutTail).toBe('still\n');
  });
});
