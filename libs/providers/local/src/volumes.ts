import { PitrixError } from '@pitrix/errors';
import {
  invalidState,
  quotaExceeded,
  volumeNotFound,
  type AttachVolumeRequest,
  type CreateVolumeRequest,
  type CreateVolumeResult,
  type DeleteVolumeResult,
  type VolumeApi,
  type VolumeStateResult,
} from '@pitrix/provider-contract';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { dataDir } from './agent-process.js';
import type { InstanceRecord } from './instance-record.js';
import { KeyedMutex } from './keyed-mutex.js';
import { tokenKey, type StateStore } from './state-store.js';
import type { Usage } from './usage.js';
import { toVolume, type VolumeRecord } from './volume-record.js';

const locks = new KeyedMutex();

/**
 * Volumes as folders. Attaching links the volume's folder at its mount point under the
 * instance's data folder, so the data outlives the instance; the size is recorded, not enforced.
 */
export class LocalVolumes implements VolumeApi {
  constructor(
    private readonly store: StateStore,
    private readonly zone: string,
    private readonly usage: Usage,
  ) {}

  async createVolume(request: CreateVolumeRequest): Promise<CreateVolumeResult> {
    if (!Number.isInteger(request.sizeGiB) || request.sizeGiB < 1) {
      throw new PitrixError('INPUT.INVALID', 'sizeGiB must be an integer >= 1', [{ path: 'sizeGiB', message: 'too small', found: request.sizeGiB }]);
    }
    const id = `vol-${tokenKey(request.clientToken).slice(0, 16)}`;
    return locks.run(id, async () => {
      const existing = this.read(id);
      if (existing) return { volume: toVolume(existing), created: false };
      const demand = { instances: 0, cpu: 0, memoryMiB: 0, volumes: 1, volumeGiB: request.sizeGiB };
      const shortfalls = this.usage.shortfalls(demand);
      if (shortfalls.length > 0) throw quotaExceeded(demand, shortfalls);
      mkdirSync(this.store.path('volumes', id, 'data'), { recursive: true });
      const record: VolumeRecord = { id, clientToken: request.clientToken, zone: this.zone, sizeGiB: request.sizeGiB, status: 'available' };
      this.save(record);
      return { volume: toVolume(record), created: true };
    });
  }

  async attachVolume(request: AttachVolumeRequest): Promise<VolumeStateResult> {
    const mount = mountPath(request.mountPoint);
    return locks.run(request.volumeId, async () => {
      const volume = this.require(request.volumeId);
      if (volume.attachedTo === request.instanceId && volume.mountPoint === request.mountPoint) return { volume: toVolume(volume) };
      if (volume.attachedTo) throw invalidState(`volume ${volume.id}`, `attached to ${volume.attachedTo}`, 'attach');
      const instance = this.store.read<InstanceRecord>('instances', request.instanceId, 'instance.json');
      if (!instance || instance.status === 'terminated') throw invalidState(`instance ${request.instanceId}`, 'not available', 'attach a volume to');
      const link = join(dataDir(this.store.root, instance.id), mount);
      mkdirSync(dirname(link), { recursive: true });
      rmSync(link, { force: true, recursive: false });
      symlinkSync(this.store.path('volumes', volume.id, 'data'), link);
      Object.assign(volume, { status: 'in-use', attachedTo: instance.id, mountPoint: request.mountPoint });
      this.save(volume);
      return { volume: toVolume(volume) };
    });
  }

  async detachVolume(volumeId: string): Promise<VolumeStateResult> {
    return locks.run(volumeId, async () => {
      const volume = this.require(volumeId);
      this.unlink(volume);
      return { volume: toVolume(volume) };
    });
  }

  async deleteVolume(volumeId: string): Promise<DeleteVolumeResult> {
    return locks.run(volumeId, async () => {
      const volume = this.read(volumeId);
      if (!volume) return { volumeId, alreadyGone: true };
      if (volume.attachedTo) throw invalidState(`volume ${volumeId}`, `attached to ${volume.attachedTo}`, 'delete');
      this.store.remove('volumes', volumeId);
      return { volumeId, alreadyGone: false };
    });
  }

  async resizeVolume(volumeId: string, sizeGiB: number): Promise<VolumeStateResult> {
    return locks.run(volumeId, async () => {
      const volume = this.require(volumeId);
      if (!Number.isInteger(sizeGiB) || sizeGiB < volume.sizeGiB) {
        throw new PitrixError('INPUT.INVALID', `a volume can only grow (now ${volume.sizeGiB} GiB)`, [{ path: 'sizeGiB', message: 'cannot shrink', expected: `>= ${volume.sizeGiB}`, found: sizeGiB }]);
      }
      volume.sizeGiB = sizeGiB;
      this.save(volume);
      return { volume: toVolume(volume) };
    });
  }

  /** Detaches every volume of an instance being terminated; their data stays. */
  releaseFrom(instanceId: string): void {
    for (const volume of this.all().filter((record) => record.attachedTo === instanceId)) this.unlink(volume);
  }

  /** Ids of the volumes attached to an instance. */
  idsAttachedTo(instanceId: string): string[] {
    return this.all()
      .filter((record) => record.attachedTo === instanceId)
      .map((record) => record.id)
      .sort();
  }

  /** Volume records of this zone. */
  all(): VolumeRecord[] {
    return this.store
      .list('volumes')
      .map((id) => this.read(id))
      .filter((record): record is VolumeRecord => record !== undefined && record.zone === this.zone);
  }

  private unlink(volume: VolumeRecord): void {
    if (!volume.attachedTo || !volume.mountPoint) return;
    rmSync(join(dataDir(this.store.root, volume.attachedTo), mountPath(volume.mountPoint)), { force: true });
    Object.assign(volume, { status: 'available', attachedTo: undefined, mountPoint: undefined });
    this.save(volume);
  }

  private require(volumeId: string): VolumeRecord {
    const record = this.read(volumeId);
    if (!record) throw volumeNotFound(volumeId);
    return record;
  }

  private read(id: string): VolumeRecord | undefined {
    if (!/^vol-[0-9a-f]{16}$/.test(id)) return undefined;
    return this.store.read<VolumeRecord>('volumes', id, 'volume.json');
  }

  private save(record: VolumeRecord): void {
    this.store.write(record, 'volumes', record.id, 'volume.json');
  }
}

/** A mount point as a path under the data folder; `..` and relative paths are refused. */
function mountPath(mountPoint: string): string {
  const normalised = normalize(mountPoint);
  if (!mountPoint.startsWith('/') || normalised.split('/').includes('..') || normalised === '/') {
    throw new PitrixError('INPUT.INVALID', `invalid mount point ${JSON.stringify(mountPoint)}`, [
      { path: 'mountPoint', message: 'must be an absolute path below /', expected: 'e.g. /data', found: mountPoint },
    ]);
  }
  return normalised.slice(1);
}
