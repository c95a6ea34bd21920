import { AttachVolumeCommand, CreateTagsCommand, CreateVolumeCommand, DeleteVolumeCommand, DetachVolumeCommand, ModifyVolumeCommand, type Volume as Ec2Volume } from '@aws-sdk/client-ec2';
import { hasErrorCode, PitrixError } from '@pitrix/errors';
import { invalidState, type AttachVolumeRequest, type CreateVolumeRequest, type CreateVolumeResult, type DeleteVolumeResult, type VolumeApi, type VolumeStateResult } from '@pitrix/provider-contract';
import { ec2ClientToken } from './client-token.js';
import { checkMountPoint, deviceFor } from './devices.js';
import { isClientTokenReuse } from './ec2-errors.js';
import { locks, type SessionDeps } from './session-deps.js';
import { TAG, tagRecord, tagSpec } from './tags.js';
import { isDeleting, toVolume } from './volume-reader.js';

const attached = (v: Ec2Volume) => v.State === 'in-use' && (v.Attachments ?? []).every((a) => a.State === 'attached');
const available = (v: Ec2Volume) => v.State === 'available';

/** EBS volumes (gp3); see the provider contract for each method's promise. */
export class AwsVolumes implements VolumeApi {
  constructor(private readonly deps: SessionDeps) {}

  /** Finds the token's volume by its tag first; else checks the quota, creates it with the token as `ClientToken`, and waits for `available`. */
  async createVolume(request: CreateVolumeRequest): Promise<CreateVolumeResult> {
    if (!request.clientToken || !Number.isInteger(request.sizeGiB) || request.sizeGiB < 1 || request.sizeGiB > 16384) {
      throw new PitrixError('INPUT.INVALID', 'A volume needs a client token and a size of 1 to 16384 GiB', [{ path: 'sizeGiB', message: 'out of range', found: request.sizeGiB }]);
    }
    return locks.run(`volume:${request.clientToken}`, async () => {
      const existing = await this.deps.volumes.byToken(request.clientToken);
      if (existing) return { volume: toVolume(await this.settled(existing)), created: false };
      await this.deps.quota.ensureFits({ instances: 0, cpu: 0, memoryMiB: 0, volumes: 1, volumeGiB: request.sizeGiB });
      const { volume, created } = await this.create(request);
      if (created) this.deps.log(`CreateVolume ${volume.VolumeId} (${request.sizeGiB} GiB) for client token ${request.clientToken}`);
      return { volume: toVolume(await this.settled(volume)), created };
    });
  }

  /** Attaches at a device derived from the mount point; attaching it again to the same instance only updates the mount point. */
  async attachVolume(request: AttachVolumeRequest): Promise<VolumeStateResult> {
    checkMountPoint(request.mountPoint);
    return locks.run(request.volumeId, async () => {
      const volume = await this.settled(await this.deps.volumes.require(request.volumeId));
      const current = toVolume(volume);
      if (current.attachedTo && current.attachedTo !== request.instanceId) throw invalidState(`volume ${request.volumeId}`, `attached to ${current.attachedTo}`, 'attach');
      await this.tagMountPoint(volume, request.mountPoint);
      if (!current.attachedTo) await this.attach(request);
      return { volume: toVolume(await this.deps.volumes.waitFor(request.volumeId, 'attached', attached)) };
    });
  }

  /** Detaches and waits for `available`; a volume that is not attached is returned as it is. */
  async detachVolume(volumeId: string): Promise<VolumeStateResult> {
    return locks.run(volumeId, async () => {
      const volume = await this.settled(await this.deps.volumes.require(volumeId));
      if (available(volume)) return { volume: toVolume(volume) };
      if ((volume.Attachments ?? []).every((a) => a.State !== 'detaching')) {
        await this.deps.ec2.call('DetachVolume', (c) => c.send(new DetachVolumeCommand({ VolumeId: volumeId })));
        this.deps.log(`DetachVolume ${volumeId}`);
      }
      return { volume: toVolume(await this.deps.volumes.waitFor(volumeId, 'available', available)) };
    });
  }

  /** An unknown or already deleting volume is `alreadyGone`; an attached one is `RUNTIME.INVALID_STATE` (detach it first). */
  async deleteVolume(volumeId: string): Promise<DeleteVolumeResult> {
    return locks.run(volumeId, async () => {
      const volume = await this.deps.volumes.byId(volumeId);
      if (!volume || isDeleting(volume)) return { volumeId, alreadyGone: true };
      if (toVolume(volume).attachedTo) throw invalidState(`volume ${volumeId}`, `attached to ${toVolume(volume).attachedTo}`, 'delete');
      try {
        await this.deps.ec2.call('DeleteVolume', (c) => c.send(new DeleteVolumeCommand({ VolumeId: volumeId })));
      } catch (err) {
        if (hasErrorCode(err, 'RUNTIME.VOLUME_NOT_FOUND')) return { volumeId, alreadyGone: true };
        throw err;
      }
      this.deps.log(`DeleteVolume ${volumeId}`);
      return { volumeId, alreadyGone: false };
    });
  }

  /** Grows a volume (never shrinks: `INPUT.INVALID`) within the quota, and waits until EC2 reports the new size. */
  async resizeVolume(volumeId: string, sizeGiB: number): Promise<VolumeStateResult> {
    return locks.run(volumeId, async () => {
      const volume = await this.deps.volumes.require(volumeId);
      const size = volume.Size ?? 0;
      if (!Number.isInteger(sizeGiB) || sizeGiB < size || sizeGiB > 16384) {
        throw new PitrixError('INPUT.INVALID', `a volume can only grow (now ${size} GiB, at most 16384)`, [{ path: 'sizeGiB', message: 'cannot shrink', expected: `>= ${size}`, found: sizeGiB }]);
      }
      if (sizeGiB === size) return { volume: toVolume(volume) };
      await this.deps.quota.ensureFits({ instances: 0, cpu: 0, memoryMiB: 0, volumes: 0, volumeGiB: sizeGiB - size });
      await this.deps.ec2.call('ModifyVolume', (c) => c.send(new ModifyVolumeCommand({ VolumeId: volumeId, Size: sizeGiB })));
      this.deps.log(`ModifyVolume ${volumeId} Size ${size} -> ${sizeGiB} GiB`);
      return { volume: toVolume(await this.deps.volumes.waitFor(volumeId, `${sizeGiB} GiB`, (v) => (v.Size ?? 0) >= sizeGiB)) };
    });
  }

  /** Creates the volume; when EC2 says the token was used with other parameters and its volume exists, that one is returned. */
  private async create(request: CreateVolumeRequest): Promise<{ volume: Ec2Volume; created: boolean }> {
    const tags = { ...request.tags, [TAG.managed]: 'true', [TAG.clientToken]: request.clientToken };
    try {
      const volume = await this.deps.ec2.call('CreateVolume', (c) =>
        c.send(new CreateVolumeCommand({ ClientToken: ec2ClientToken(request.clientToken), AvailabilityZone: this.deps.zone, Size: request.sizeGiB, VolumeType: 'gp3', TagSpecifications: [tagSpec('volume', tags)] })),
      );
      return { volume, created: true };
    } catch (err) {
      // Another worker created it with this token meanwhile: its volume is the one.
      const theirs = isClientTokenReuse(err) ? await this.deps.volumes.byToken(request.clientToken) : undefined;
      if (theirs) return { volume: theirs, created: false };
      throw err;
    }
  }

  private async attach(request: AttachVolumeRequest): Promise<void> {
    const instance = await this.deps.reader.require(request.instanceId, 'attach a volume to');
    const settled = ['pending', 'stopping'].includes(instance.State?.Name ?? '') ? await this.deps.reader.waitFor(request.instanceId, ['running', 'stopped']) : instance;
    const taken = [settled.RootDeviceName, ...(settled.BlockDeviceMappings ?? []).map((m) => m.DeviceName)].filter((d): d is string => d !== undefined);
    const device = deviceFor(request.mountPoint, taken);
    await this.deps.ec2.call('AttachVolume', (c) => c.send(new AttachVolumeCommand({ VolumeId: request.volumeId, InstanceId: request.instanceId, Device: device })));
    this.deps.log(`AttachVolume ${request.volumeId} to ${request.instanceId} at ${device} for ${request.mountPoint}`);
  }

  private async tagMountPoint(volume: Ec2Volume, mountPoint: string): Promise<void> {
    if (tagRecord(volume.Tags)[TAG.mountPoint] === mountPoint) return;
    await this.deps.ec2.call('CreateTags', (c) => c.send(new CreateTagsCommand({ Resources: [volume.VolumeId as string], Tags: [{ Key: TAG.mountPoint, Value: mountPoint }] })));
  }

  /** The volume once it has left `creating` and any detachment in progress has finished. */
  private async settled(volume: Ec2Volume): Promise<Ec2Volume> {
    const id = volume.VolumeId as string;
    if (volume.State === 'creating') return this.deps.volumes.waitFor(id, 'created', (v) => v.State !== 'creating');
    if ((volume.Attachments ?? []).some((a) => a.State === 'detaching')) return this.deps.volumes.waitFor(id, 'detached', available);
    return volume;
  }
}
