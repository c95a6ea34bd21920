import { hasErrorCode, type PitrixError } from '@pitrix/errors';
import type { ProviderSession } from '@pitrix/provider-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeEc2 } from './fake-ec2/index.js';
import { failure, IMAGE_ID, openSession, runRequest, startFake } from './support.js';

const DEFAULT_A = 'subnet-0a0000000000000a1';
const APPS_A = 'subnet-0b0000000000000a2';
const APPS_B = 'subnet-0b0000000000000b2';

describe('aws networks and placement', () => {
  let fake: FakeEc2;
  let session: ProviderSession;
  beforeAll(async () => {
    fake = await startFake();
    session = await openSession(fake);
  });
  afterAll(async () => {
    await session.close();
    await fake.stop();
  });

  it('by default the runtime uses the default VPC subnets of its zone', async () => {
    expect((await session.describeNetworks()).networks).toEqual([{ id: DEFAULT_A, name: DEFAULT_A, cidr: '172.31.0.0/20', vpcId: 'vpc-0d1f00000000000a1' }]);
  });

  it('subnetIds narrows it to the named subnets, named by their Name tag', async () => {
    const named = await openSession(fake, { subnetIds: [APPS_A] });
    expect((await named.describeNetworks()).networks).toEqual([{ id: APPS_A, name: 'apps-a', cidr: '10.20.1.0/28', vpcId: 'vpc-0d1f00000000000b2' }]);
    expect(hasErrorCode(await failure(() => named.placeCluster({ networkId: DEFAULT_A })), 'RUNTIME.NETWORK_NOT_FOUND')).toBe(true);
    expect(hasErrorCode(await failure(() => named.runInstance(runRequest(DEFAULT_A))), 'RUNTIME.NETWORK_NOT_FOUND')).toBe(true);
    await named.close();
  });

  it.each([
    ['a subnet of another zone', [APPS_A, APPS_B], 'options.subnetIds[1]'],
    ['a subnet that does not exist', ['subnet-0123456789abcdef0'], 'options.subnetIds[0]'],
  ])('%s is RUNTIME.OPTIONS_INVALID naming it', async (_case, subnetIds, path) => {
    const bad = await openSession(fake, { subnetIds });
    const error = await failure(() => bad.describeNetworks());
    expect(hasErrorCode(error, 'RUNTIME.OPTIONS_INVALID')).toBe(true);
    expect((error as PitrixError).problems.map((p) => p.path)).toEqual([path]);
    await bad.close();
  });

  it('the frontgate host is a fixed address: the same on every placement, taken by every frontgate of the subnet', async () => {
    const placement = await session.placeCluster({});
    expect(await session.placeCluster({ networkId: DEFAULT_A })).toEqual(placement);
    const frontgate = { kind: 'frontgate' as const, env: {} };
    const first = await session.runInstance(runRequest(placement.networkId, { agent: frontgate }));
    expect(first.instance.privateIp).toBe(placement.frontgateHost);
    const drone = await session.runInstance(runRequest(placement.networkId));
    expect(drone.instance.privateIp).not.toBe(placement.frontgateHost);
    await session.terminateInstance(first.instance.id);
    const replacement = await session.runInstance(runRequest(placement.networkId, { agent: frontgate }));
    expect(replacement.instance.privateIp).toBe(placement.frontgateHost);
    expect(fake.callsOf('CreateNetworkInterface')).toHaveLength(1);
  });

  it('a second frontgate while the first runs is RUNTIME.INVALID_STATE: one frontgate per network', async () => {
    const zoneB = await openSession(fake, {}, 'us-east-1b');
    const placement = await zoneB.placeCluster({});
    const frontgate = { kind: 'frontgate' as const, env: {} };
    await zoneB.runInstance(runRequest(placement.networkId, { agent: frontgate }));
    const error = await failure(() => zoneB.runInstance(runRequest(placement.networkId, { agent: frontgate })));
    expect(hasErrorCode(error, 'RUNTIME.INVALID_STATE')).toBe(true);
    await zoneB.close();
  });

  it('each zone of the region has its own networks', async () => {
    const zoneB = await openSession(fake, {}, 'us-east-1b');
    expect((await zoneB.describeNetworks()).networks.map((n) => n.id)).toEqual(['subnet-0a0000000000000b1']);
    await zoneB.close();
  });

  it('images: the account’s own AMIs and the configured one', async () => {
    const publicImage = 'ami-0f00000000000bb02';
    const withPublic = await openSession(fake, { imageId: publicImage });
    expect((await withPublic.describeImages()).images.map((image) => image.id).sort()).toEqual([IMAGE_ID, publicImage].sort());
    await withPublic.close();
  });

  it('a configured image that does not exist is RUNTIME.OPTIONS_INVALID', async () => {
    const missing = await openSession(fake, { imageId: 'ami-0123456789abcdef0' });
    expect(hasErrorCode(await failure(() => missing.describeImages()), 'RUNTIME.OPTIONS_INVALID')).toBe(true);
    await missing.close();
  });
});
