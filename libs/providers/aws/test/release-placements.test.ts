import { DeleteNetworkInterfaceCommand, DescribeNetworkInterfacesCommand, TerminateInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { hasErrorCode } from '@pitrix/errors';
import type { ProviderSession } from '@pitrix/provider-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeEc2 } from './fake-ec2/index.js';
import type { FakeNetworkInterface } from './fake-ec2/model.js';
import { failure, openSession, rawClient, runRequest, startFake } from './support.js';

const DEFAULT_A = 'subnet-0a0000000000000a1';
const APPS_A = 'subnet-0b0000000000000a2';
const frontgate = { kind: 'frontgate' as const, env: {} };

describe('aws releasePlacements', () => {
  let fake: FakeEc2;
  let raw: EC2Client;
  const sessions: ProviderSession[] = [];
  beforeAll(async () => {
    fake = await startFake();
    raw = rawClient(fake);
  });
  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.close()));
    raw.destroy();
    await fake.stop();
  });

  /** A session of its own runtime in us-east-1a, closed after the file. */
  async function runtime(runtimeId: string, options: Record<string, unknown> = {}): Promise<ProviderSession> {
    const session = await openSession(fake, options, 'us-east-1a', undefined, runtimeId);
    sessions.push(session);
    return session;
  }

  /** The frontgate interfaces the fake holds for a runtime, by their exact tag. */
  function interfacesOf(runtimeId: string): FakeNetworkInterface[] {
    return [...fake.world.interfaces.values()].filter((eni) => eni.tags.get('pitrix:frontgate-address') === `${runtimeId}/${eni.subnetId}`);
  }

  it('deletes the runtime’s frontgate interface; a second release, or two at once, is harmless', async () => {
    const session = await runtime('rt-release-once');
    await session.placeCluster({});
    const [eni] = interfacesOf('rt-release-once');
    await Promise.all([session.releasePlacements(), session.releasePlacements()]);
    expect(interfacesOf('rt-release-once')).toEqual([]);
    const { NetworkInterfaces } = await raw.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'network-interface-id', Values: [eni?.id as string] }] }));
    expect(NetworkInterfaces).toEqual([]);
    const deletes = fake.callsOf('DeleteNetworkInterface').length;
    await session.releasePlacements();
    expect(fake.callsOf('DeleteNetworkInterface')).toHaveLength(deletes);
  });

  it('a placement after a release creates a new interface, and a frontgate runs at its address', async () => {
    const session = await runtime('rt-release-again');
    const released: string[] = [];
    for (let round = 0; round < 3; round++) {
      const placement = await session.placeCluster({});
      const [eni] = interfacesOf('rt-release-again');
      expect(released).not.toContain(eni?.id);
      expect(placement.frontgateHost).toBe(eni?.privateIp);
      const { instance } = await session.runInstance(runRequest(placement.networkId, { agent: frontgate }));
      expect(instance.privateIp).toBe(placement.frontgateHost);
      await session.terminateInstance(instance.id);
      await session.releasePlacements();
      released.push(eni?.id as string);
    }
    expect(interfacesOf('rt-release-again')).toEqual([]);
  });

  it('leaves the interfaces of other runtimes in the same subnet alone', async () => {
    const mine = await runtime('rt-release-mine');
    // Its tag value starts with "rt-release-mine/" too: the match must be exact.
    const others = [await runtime('rt-release-other'), await runtime('rt-release-mine/b')];
    const before = await Promise.all(others.map((session) => session.placeCluster({ networkId: DEFAULT_A })));
    await mine.placeCluster({ networkId: DEFAULT_A });
    await mine.releasePlacements();
    expect(interfacesOf('rt-release-mine')).toEqual([]);
    expect(interfacesOf('rt-release-other')).toHaveLength(1);
    expect(interfacesOf('rt-release-mine/b')).toHaveLength(1);
    expect(await Promise.all(others.map((session) => session.placeCluster({ networkId: DEFAULT_A })))).toEqual(before);
  });

  it('releases interfaces in subnets the runtime’s options no longer allow', async () => {
    await (await runtime('rt-release-narrowed', { subnetIds: [APPS_A] })).placeCluster({});
    expect(interfacesOf('rt-release-narrowed').map((eni) => eni.subnetId)).toEqual([APPS_A]);
    await (await runtime('rt-release-narrowed', { subnetIds: [DEFAULT_A] })).releasePlacements();
    expect(interfacesOf('rt-release-narrowed')).toEqual([]);
  });

  it('a frontgate still using its address (running or stopped) is RUNTIME.INVALID_STATE naming both, and nothing is deleted', async () => {
    const session = await runtime('rt-release-busy', { subnetIds: [DEFAULT_A, APPS_A] });
    const placement = await session.placeCluster({ networkId: DEFAULT_A });
    await session.placeCluster({ networkId: APPS_A });
    const { instance } = await session.runInstance(runRequest(placement.networkId, { agent: frontgate }));
    const busy = interfacesOf('rt-release-busy').find((eni) => eni.subnetId === DEFAULT_A) as FakeNetworkInterface;
    const deletes = fake.callsOf('DeleteNetworkInterface').length;
    for (const stop of [false, true]) {
      if (stop) await session.stopInstance(instance.id);
      const error = await failure(() => session.releasePlacements());
      expect(hasErrorCode(error, 'RUNTIME.INVALID_STATE')).toBe(true);
      expect((error as Error).message).toContain(busy.id);
      expect((error as Error).message).toContain(instance.id);
    }
    expect(fake.callsOf('DeleteNetworkInterface')).toHaveLength(deletes);
    expect(interfacesOf('rt-release-busy')).toHaveLength(2);
    await session.terminateInstance(instance.id);
    await session.releasePlacements();
    expect(interfacesOf('rt-release-busy')).toEqual([]);
  });

  it('waits for a frontgate that is still shutting down to let go of its address', async () => {
    // Slow transitions, so the release surely meets the frontgate shutting down.
    const slow = await startFake({ transitionMs: 300 });
    const session = await openSession(slow, {}, 'us-east-1a', undefined, 'rt-release-leaving');
    const placement = await session.placeCluster({});
    const { instance } = await session.runInstance(runRequest(placement.networkId, { agent: frontgate }));
    // Terminated behind the provider's back, so nothing waited for `terminated`.
    const slowRaw = rawClient(slow);
    await slowRaw.send(new TerminateInstancesCommand({ InstanceIds: [instance.id] }));
    expect(slow.instanceState(instance.id)).toBe('shutting-down');
    await session.releasePlacements();
    expect([...slow.world.interfaces.values()].filter((eni) => eni.tags.has('pitrix:frontgate-address'))).toEqual([]);
    expect(slow.instanceState(instance.id)).toBe('terminated');
    slowRaw.destroy();
    await session.close();
    await slow.stop();
  });

  it('the fake answers DeleteNetworkInterface as EC2 does: unknown is NotFound, attached is InUse', async () => {
    const errorCode = async (id: string) => ((await failure(() => raw.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: id })))) as Error | undefined)?.name;
    expect(await errorCode('eni-0123456789abcdef0')).toBe('InvalidNetworkInterfaceID.NotFound');
    expect(await errorCode('eni-nope')).toBe('InvalidNetworkInterfaceID.Malformed');
    const session = await runtime('rt-release-fake');
    const { instance } = await session.runInstance(runRequest(DEFAULT_A));
    expect(await errorCode(fake.world.instances.get(instance.id)?.networkInterfaceId as string)).toBe('InvalidNetworkInterface.InUse');
    await session.terminateInstance(instance.id);
  });
});
