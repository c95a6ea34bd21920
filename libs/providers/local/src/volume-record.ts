import type { Volume } from '@pitrix/provider-contract';

/** What the local provider keeps on disk for a volume (its data is a folder next to it). */
export interface VolumeRecord {
  readonly id: string;
  readonly clientToken: string;
  readonly zone: string;
  sizeGiB: number;
  status: 'available' | 'in-use';
  attachedTo?: string;
  mountPoint?: string;
}

/** The contract's view of a record. */
export function toVolume(record: VolumeRecord): Volume {
  const volume: Volume = { id: record.id, clientToken: record.clientToken, sizeGiB: record.sizeGiB, status: record.status };
  return record.attachedTo ? { ...volume, attachedTo: record.attachedTo, mountPoint: record.mountPoint } : volume;
}
