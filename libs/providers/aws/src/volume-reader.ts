import type { Filter, Volume as Ec2Volume } from '@aws-sdk/client-ec2';
import { volumeNotFound, type Volume } from '@pitrix/provider-contract';
import { describeAllVolumes } from './describe.js';
import type { Ec2Api } from './ec2-api.js';
import { literal, TAG, tagRecord } from './tags.js';
import { waitUntil, type WaitTiming } from './wait.js';

/**
 * The contract's view of an EBS volume. EC2 keeps no client token on volumes, so the token and the
 * mount point live in tags; the mount point is reported only while the volume is attached.
 */
export function toVolume(volume: Ec2Volume): Volume {
  const tags = tagRecord(volume.Tags);
  const attachment = volume.Attachments?.find((a) => a.State === 'attaching' || a.State === 'attached');
  return {
    id: volume.VolumeId ?? '',
    clientToken: tags[TAG.clientToken] ?? '',
    sizeGiB: volume.Size ?? 0,
    status: attachment ? 'in-use' : 'available',
    attachedTo: attachment?.InstanceId,
    mountPoint: attachment ? tags[TAG.mountPoint] : undefined,
  };
}

/** Whether a volume is being deleted (EC2 shows it briefly in `deleting`). */
export function isDeleting(volume: Ec2Volume): boolean {
  return volume.State === 'deleting' || volume.State === 'deleted';
}

/** Reads the managed volumes of one zone, by filters (an unknown id simply matches nothing). */
export class VolumeReader {
  constructor(
    private readonly ec2: Ec2Api,
    private readonly zone: string,
    private readonly timing: WaitTiming,
  ) {}

  /** Managed volumes of the zone passing `filters`. */
  find(filters: readonly Filter[]): Promise<Ec2Volume[]> {
    return describeAllVolumes(this.ec2, [{ Name: `tag:${TAG.managed}`, Values: ['true'] }, { Name: 'availability-zone', Values: [this.zone] }, ...filters]);
  }

  /** The volume with this id, in any state. */
  async byId(volumeId: string): Promise<Ec2Volume | undefined> {
    return (await this.find([{ Name: 'volume-id', Values: [volumeId] }]))[0];
  }

  /** The live volume a client token created. */
  async byToken(token: string): Promise<Ec2Volume | undefined> {
    return (await this.find([{ Name: `tag:${TAG.clientToken}`, Values: [literal(token)] }])).find((volume) => !isDeleting(volume));
  }

  /** The live volume with this id; unknown or being deleted is `RUNTIME.VOLUME_NOT_FOUND`. */
  async require(volumeId: string): Promise<Ec2Volume> {
    const volume = await this.byId(volumeId);
    if (!volume || isDeleting(volume)) throw volumeNotFound(volumeId);
    return volume;
  }

  /** Polls the volume until `done` holds; not found means not visible yet (EC2 is eventually consistent). */
  async waitFor(volumeId: string, what: string, done: (volume: Ec2Volume) => boolean): Promise<Ec2Volume> {
    const volume = await waitUntil(`volume ${volumeId} to be ${what}`, this.timing, () => this.byId(volumeId), (v) => v !== undefined && done(v));
    return volume as Ec2Volume;
  }
}
