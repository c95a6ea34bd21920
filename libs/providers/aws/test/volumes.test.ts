import { hasErrorCode } from '@pitrix/errors';
import type { ProviderSession } from '@pitrix/provider-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeEc2 } from './fake-ec2/index.js';
import { eventually, failure, openSession, runRequest, startFake } from './support.js';

describe('aws volumes', () => {
  let fake: FakeEc2;
  let session: ProviderSession;
  let networkId: string;
  const volume = async (sizeGiB = 1) => (await session.createVolume({ clientToken: `task-volume-${Math.random()}`, sizeGiB })).volume;
  const devices = () => fake.callsOf('AttachVolume').map((params) => params.get('Device'));
  beforeAll(async () => {
    fake = await startFake();
    session = await openSession(fake, { quota: { volumes: 10, volumeGiB: 30 } });
    networkId = (await session.placeCluster({})).networkId;
  });
  afterAll(async () => {
    await session.close();
    await fake.stop();
  });

  it('the device follows the mount point: the same mount point gets the same device on every instance', async () => {
    const [a, b] = await Promise.all([session.runInstance(runRequest(networkId)), session.runInstance(runRequest(networkId))]);
    const [data1, data2, logs] = [await volume(), await volume(), await volume()];
    await session.attachVolume({ volumeId: data1.id, instanceId: a.instance.id, mountPoint: '/data' });
    await session.attachVolume({ volumeId: data2.id, instanceId: b.instance.id, mountPoint: '/data' });
    await session.attachVolume({ volumeId: logs.id, instanceId: a.instance.id, mountPoint: '/logs' });
    const [first, second, third] = devices().slice(-3);
    expect(first).toMatch(/^\/dev\/sd[f-p]$/);
    expect(second).toBe(first);
    expect(third).not.toBe(first);
    const { instances } = await session.describeInstances({ instanceIds: [a.instance.id] });
    expect([...(instances[0]?.volumeIds ?? [])].sort()).toEqual([data1.id, logs.id].sort());
  });

  it('attaching again to the same instance is harmless; to another instance while attached is RUNTIME.INVALID_STATE', async () => {
    const [a, b] = await Promise.all([session.runInstance(runRequest(networkId)), session.runInstance(runRequest(networkId))]);
    const disk = await volume();
    const attached = await session.attachVolume({ volumeId: disk.id, instanceId: a.instance.id, mountPoint: '/srv' });
    expect(await session.attachVolume({ volumeId: disk.id, instanceId: a.instance.id, mountPoint: '/srv' })).toEqual(attached);
    expect(hasErrorCode(await failure(() => session.attachVolume({ volumeId: disk.id, instanceId: b.instance.id, mountPoint: '/srv' })), 'RUNTIME.INVALID_STATE')).toBe(true);
    expect(hasErrorCode(await failure(() => session.deleteVolume(disk.id)), 'RUNTIME.INVALID_STATE')).toBe(true);
  });

  it('terminating an instance frees its data volumes, which can then be deleted', async () => {
    const { instance } = await session.runInstance(runRequest(networkId));
    const disk = await volume();
    await session.attachVolume({ volumeId: disk.id, instanceId: instance.id, mountPoint: '/data' });
    await session.terminateInstance(instance.id);
    expect(await session.deleteVolume(disk.id)).toEqual({ volumeId: disk.id, alreadyGone: false });
  });

  it('a volume can grow but never shrink', async () => {
    const disk = await volume(2);
    expect(hasErrorCode(await failure(() => session.resizeVolume(disk.id, 1)), 'INPUT.INVALID')).toBe(true);
    expect((await session.resizeVolume(disk.id, 2)).volume.sizeGiB).toBe(2);
    expect((await session.resizeVolume(disk.id, 3)).volume.sizeGiB).toBe(3);
    expect(fake.callsOf('ModifyVolume').map((params) => params.get('Size'))).toEqual(['3']);
  });

  it('a modification still optimizing blocks the next one (INVALID_STATE); EC2 allows four a day (QUOTA_EXCEEDED)', async () => {
    const disk = await volume(1);
    await session.resizeVolume(disk.id, 2);
    expect(hasErrorCode(await failure(() => session.resizeVolume(disk.id, 3)), 'RUNTIME.INVALID_STATE')).toBe(true);
    const completed = () => eventually(() => fake.modificationState(disk.id), (state) => state === 'completed');
    for (const size of [3, 4, 5]) {
      await completed();
      await session.resizeVolume(disk.id, size);
    }
    await completed();
    const error = await failure(() => session.resizeVolume(disk.id, 6));
    expect(hasErrorCode(error, 'RUNTIME.QUOTA_EXCEEDED')).toBe(true);
    expect((error as Error).message).toContain('VolumeModificationRateExceeded');
  });

  it('creating beyond the runtime quota is RUNTIME.QUOTA_EXCEEDED and creates nothing', async () => {
    const before = fake.callsOf('CreateVolume').length;
    const error = await failure(() => session.createVolume({ clientToken: 'task-volume-too-big', sizeGiB: 50 }));
    expect(hasErrorCode(error, 'RUNTIME.QUOTA_EXCEEDED')).toBe(true);
    expect(fake.callsOf('CreateVolume').length).toBe(before);
  });

  it('volumes are created as gp3 in the session zone, tagged with their client token', async () => {
    await session.createVolume({ clientToken: 'task-volume-tagged', sizeGiB: 1 });
    const params = fake.callsOf('CreateVolume').at(-1);
    expect([params?.get('VolumeType'), params?.get('AvailabilityZone'), params?.get('ClientToken')]).toEqual(['gp3', 'us-east-1a', 'task-volume-tagged']);
    const tags = params?.tagsFor('volume').map((tag) => `${tag.key}=${tag.value}`);
    expect(tags).toEqual(expect.arrayContaining(['pitrix:managed=true', 'pitrix:client-token=task-volume-tagged']));
  });
});
