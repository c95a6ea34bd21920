import { RunInstancesCommand } from '@aws-sdk/client-ec2';
import { hasErrorCode } from '@pitrix/errors';
import { describe, expect, it } from 'vitest';
import { failure, IMAGE_ID, openSession, rawClient, runRequest, startFake } from './support.js';

const NOTHING = { instances: 0, cpu: 0, memoryMiB: 0, volumes: 0, volumeGiB: 0 };

describe('aws quotas', () => {
  it('counts managed instances in their requested sizes against the runtime quota', async () => {
    const fake = await startFake();
    const session = await openSession(fake, { quota: { instances: 3, cpu: 4, memoryMiB: 4096 } });
    const { networkId } = await session.placeCluster({});
    await session.runInstance(runRequest(networkId, { cpu: 1, memoryMiB: 1024 }));
    await session.runInstance(runRequest(networkId, { cpu: 2, memoryMiB: 2048 }));
    expect(await session.checkResources({ ...NOTHING, instances: 1, cpu: 1, memoryMiB: 1024 })).toEqual({ fits: true, shortfalls: [] });
    expect(await session.checkResources({ ...NOTHING, instances: 2, cpu: 2, memoryMiB: 1025 })).toEqual({
      fits: false,
      shortfalls: [
        { resource: 'instances', requested: 2, available: 1 },
        { resource: 'cpu', requested: 2, available: 1 },
        { resource: 'memoryMiB', requested: 1025, available: 1024 },
      ],
    });
    await session.close();
    await fake.stop();
  });

  it("beyond the account's max-instances, runInstance is RUNTIME.QUOTA_EXCEEDED before anything is sent to EC2", async () => {
    const fake = await startFake({ maxInstances: 2 });
    const session = await openSession(fake);
    const { networkId } = await session.placeCluster({});
    await session.runInstance(runRequest(networkId));
    await session.runInstance(runRequest(networkId));
    const error = await failure(() => session.runInstance(runRequest(networkId)));
    expect(hasErrorCode(error, 'RUNTIME.QUOTA_EXCEEDED')).toBe(true);
    expect(fake.callsOf('RunInstances')).toHaveLength(2);
    await session.close();
    await fake.stop();
  });

  it('other workloads of the account count for EC2 too: its InstanceLimitExceeded is RUNTIME.QUOTA_EXCEEDED', async () => {
    const fake = await startFake({ maxInstances: 2 });
    const raw = rawClient(fake);
    await raw.send(new RunInstancesCommand({ MinCount: 2, MaxCount: 2, ImageId: IMAGE_ID, InstanceType: 't3.nano' }));
    const session = await openSession(fake);
    const { networkId } = await session.placeCluster({});
    const request = runRequest(networkId);
    const error = await failure(() => session.runInstance(request));
    expect(hasErrorCode(error, 'RUNTIME.QUOTA_EXCEEDED')).toBe(true);
    expect((error as Error).message).toContain('InstanceLimitExceeded');
    expect((await session.describeInstances({ clientTokens: [request.clientToken] })).instances).toEqual([]);
    raw.destroy();
    await session.close();
    await fake.stop();
  });
});
