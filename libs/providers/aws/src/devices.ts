import { createHash } from 'node:crypto';
import { PitrixError } from '@pitrix/errors';

/** The device names EC2 recommends for EBS data volumes on Linux: /dev/sdf to /dev/sdp. */
export const DATA_DEVICES: readonly string[] = 'fghijklmnop'.split('').map((letter) => `/dev/sd${letter}`);

/**
 * The device name to attach a volume at, derived from its mount point: a hash of the mount point
 * picks a preferred name among /dev/sdf–/dev/sdp, so the same mount point gets the same device on
 * every node of a role; if that name is taken on this instance, the next free one is used. The
 * mount point itself travels in the volume's `pitrix:mount-point` tag. (On Nitro instances the
 * kernel names EBS volumes /dev/nvme<N>n1 whatever name is asked for; the drone finds a volume by
 * its id, which such devices carry as their serial number.)
 */
export function deviceFor(mountPoint: string, taken: readonly string[]): string {
  const start = createHash('sha256').update(mountPoint, 'utf8').digest().readUInt32BE(0) % DATA_DEVICES.length;
  for (let step = 0; step < DATA_DEVICES.length; step++) {
    const device = DATA_DEVICES[(start + step) % DATA_DEVICES.length] as string;
    if (!taken.includes(device)) return device;
  }
  throw new PitrixError('RUNTIME.QUOTA_EXCEEDED', `No free device name left for ${mountPoint}: ${DATA_DEVICES.length} data volumes are attached already`, [
    { path: 'mountPoint', message: 'no free device name', expected: `at most ${DATA_DEVICES.length} data volumes per instance`, found: mountPoint },
  ]);
}

/** Checks a mount point: an absolute path without `..` segments. */
export function checkMountPoint(mountPoint: string): void {
  if (!mountPoint.startsWith('/') || mountPoint.split('/').includes('..') || mountPoint.length > 255) {
    throw new PitrixError('INPUT.INVALID', `Invalid mount point ${JSON.stringify(mountPoint)}`, [
      { path: 'mountPoint', message: 'must be an absolute path without ..', found: mountPoint },
    ]);
  }
}
