import { RunInstancesCommand, StopInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { hasErrorCode, type PitrixError } from '@pitrix/errors';
import type { InstanceStatus, ProviderSession } from '@pitrix/provider-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATE_MAP } from '../src/index.js';
import type { FakeEc2 } from './fake-ec2/index.js';
import { failure, IMAGE_ID, openSession, rawClient, runRequest, startFake } from './support.js';

/** The public Amazon AMI of us-east-1 (see fake-ec2/catalog.ts), booted for a mapped container image. */
const PUBLIC_IMAGE_ID = 'ami-0f00000000000bb02';

describe('EC2 instance states', () => {
  it.each<[string, InstanceStatus]>([
    ['pending', 'pending'],
    ['running', 'running'],
    ['stopping', 'stopped'],
    ['stopped', 'stopped'],
    ['shutting-down', 'terminated'],
    ['terminated', 'terminated'],
  ])('%s is %s', (ec2State, status) => {
    expect(STATE_MAP[ec2State as keyof typeof STATE_MAP]).toBe(status);
  });
});

describe('aws instances', () => {
  let fake: FakeEc2;
  let session: ProviderSession;
  let raw: EC2Client;
  let networkId: string;
  beforeAll(async () => {
    fake = await startFake({ terminatedRetentionMs: 0 });
    session = await openSession(fake);
    raw = rawClient(fake);
    networkId = (await session.placeCluster({})).networkId;
  });
  afterAll(async () => {
    raw.destroy();
    await session.close();
    await fake.stop();
  });

  it('resizing a running instance stops it, changes its type, starts it again, and keeps its id and address', async () => {
    const { instance } = await session.runInstance(runRequest(networkId));
    const before = fake.calls.length;
    const { instance: resized } = await session.resizeInstance({ instanceId: instance.id, cpu: 4, memoryMiB: 8192 });
    expect(resized).toMatchObject({ id: instance.id, privateIp: instance.privateIp, status: 'running', cpu: 4, memoryMiB: 8192 });
    expect(fake.world.instances.get(instance.id)?.instanceType).toBe('m6i.xlarge');
    const changes = fake.calls.slice(before).map((call) => call.action).filter((action) => !action.startsWith('Describe'));
    expect(changes).toEqual(['StopInstances', 'ModifyInstanceAttribute', 'StartInstances', 'CreateTags']);
  });

  it('resizing a stopped instance leaves it stopped', async () => {
    const { instance } = await session.runInstance(runRequest(networkId));
    await session.stopInstance(instance.id);
    const { instance: resized } = await session.resizeInstance({ instanceId: instance.id, cpu: 2, memoryMiB: 4096 });
    expect(resized).toMatchObject({ status: 'stopped', cpu: 2, memoryMiB: 4096 });
    expect(fake.world.instances.get(instance.id)?.instanceType).toBe('t3.medium');
  });

  it('an instance that is stopping already reads as stopped, and starting it waits for the stop to finish', async () => {
    const { instance } = await session.runInstance(runRequest(networkId));
    await raw.send(new StopInstancesCommand({ InstanceIds: [instance.id] }));
    expect((await session.describeInstances({ instanceIds: [instance.id] })).instances[0]?.status).toBe('stopped');
    expect((await session.startInstance(instance.id)).instance.status).toBe('running');
    expect(fake.instanceState(instance.id)).toBe('running');
  });

  it('describes by tag, reports the requested size, and keeps its own tags out of the result', async () => {
    const { instance } = await session.runInstance(runRequest(networkId, { cpu: 1, memoryMiB: 300, tags: { role: 'zk', cluster: 'cl-tags' } }));
    const { instances } = await session.describeInstances({ tags: { cluster: 'cl-tags' } });
    expect(instances).toEqual([{ ...instance, tags: { role: 'zk', cluster: 'cl-tags' } }]);
    expect(instance).toMatchObject({ cpu: 1, memoryMiB: 300, gpu: 0, imageId: IMAGE_ID, networkId, volumeIds: [] });
  });

  it('a mapped container image boots its AMI; an unmapped one, or none, boots the agent image', async () => {
    const mapped = await openSession(fake, { images: { 'redis:7.0': PUBLIC_IMAGE_ID } }, 'us-east-1a', undefined, 'rt-aws-images');
    try {
      const imageOfRun = async (containerImage?: string) => {
        const { instance } = await mapped.runInstance(runRequest(networkId, containerImage === undefined ? {} : { containerImage }));
        return [fake.callsOf('RunInstances').at(-1)?.get('ImageId'), instance.imageId];
      };
      expect(await imageOfRun('redis:7.0')).toEqual([PUBLIC_IMAGE_ID, PUBLIC_IMAGE_ID]);
      expect(await imageOfRun('postgres:16')).toEqual([IMAGE_ID, IMAGE_ID]);
      expect(await imageOfRun()).toEqual([IMAGE_ID, IMAGE_ID]);
    } finally {
      await mapped.close();
    }
  });

  it('an image the request names wins over the container image\'s', async () => {
    const mapped = await openSession(fake, { images: { 'redis:7.0': PUBLIC_IMAGE_ID } }, 'us-east-1a', undefined, 'rt-aws-images');
    try {
      await mapped.runInstance(runRequest(networkId, { containerImage: 'redis:7.0', imageId: IMAGE_ID }));
      expect(fake.callsOf('RunInstances').at(-1)?.get('ImageId')).toBe(IMAGE_ID);
    } finally {
      await mapped.close();
    }
  });

  it('instances Pitrix did not create are invisible and cannot be touched', async () => {
    const { Instances = [] } = await raw.send(new RunInstancesCommand({ MinCount: 1, MaxCount: 1, ImageId: IMAGE_ID, InstanceType: 't3.nano', SubnetId: networkId }));
    const foreign = Instances[0]?.InstanceId as string;
    expect((await session.describeInstances({ instanceIds: [foreign] })).instances).toEqual([]);
    expect(hasErrorCode(await failure(() => session.stopInstance(foreign)), 'RUNTIME.INSTANCE_NOT_FOUND')).toBe(true);
    expect(await session.terminateInstance(foreign)).toEqual({ instanceId: foreign, alreadyGone: true });
    expect(fake.instanceState(foreign)).not.toBe('terminated');
  });

  it('reserves the Name and pitrix: tags', async () => {
    const error = await failure(() => session.runInstance(runRequest(networkId, { tags: { 'pitrix:managed': 'false', Name: 'x' } })));
    expect(hasErrorCode(error, 'INPUT.INVALID')).toBe(true);
    expect((error as PitrixError).problems.map((p) => p.path)).toEqual(['tags.pitrix:managed', 'tags.Name']);
  });

  it('a token EC2 remembers, reused with other parameters after its instance is gone, is INPUT.INVALID on clientToken', async () => {
    const request = runRequest(networkId);
    const { instance } = await session.runInstance(request);
    await session.terminateInstance(instance.id);
    const error = await failure(() => session.runInstance({ ...request, cpu: 4 }));
    expect(hasErrorCode(error, 'INPUT.INVALID')).toBe(true);
    expect((error as PitrixError).problems.map((p) => p.path)).toEqual(['clientToken']);
    expect((error as Error).message).toContain('IdempotentParameterMismatch');
  });

  it('the same token and parameters after the instance is gone returns that instance, terminated, not a new one', async () => {
    const request = runRequest(networkId);
    const { instance } = await session.runInstance(request);
    await session.terminateInstance(instance.id);
    const again = await session.runInstance(request);
    expect(again).toMatchObject({ created: false, instance: { id: instance.id, status: 'terminated' } });
  });

  it('a token repeated with other parameters returns the instance it named, uncreated', async () => {
    const request = runRequest(networkId);
    const theirs = await session.runInstance({ ...request, cpu: 2, memoryMiB: 2048 });
    const mine = await session.runInstance(request);
    expect(mine).toEqual({ instance: theirs.instance, created: false });
  });
});

describe('EC2 eventual consistency', () => {
  it('an instance DescribeInstances does not show yet right after the launch is waited for, not reported missing', async () => {
    const fake = await startFake({ describeLagMs: 150 });
    const session = await openSession(fake);
    const { networkId } = await session.placeCluster({});
    const result = await session.runInstance(runRequest(networkId));
    expect(result).toMatchObject({ created: true, instance: { status: 'running' } });
    expect(fake.instanceState(result.instance.id)).toBe('running');
    await session.close();
    await fake.stop();
  });
});
