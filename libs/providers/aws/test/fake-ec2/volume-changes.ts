import { Ec2Fault, invalidValue } from './faults.js';
import type { Call } from './call.js';
import { requireVolume } from './lookup.js';
import type { FakeModification } from './model.js';
import type { XmlValue } from './xml.js';

/**
 * DeleteVolume: only an `available` volume (`VolumeInUse` otherwise); it goes `deleting` and then
 * disappears, after which it is `InvalidVolume.NotFound`.
 */
export function deleteVolume(call: Call): Record<string, XmlValue> {
  const { world, params, region } = call;
  const volume = requireVolume(world, region, params.required('VolumeId'));
  if (volume.state === 'deleting') return { return: true };
  if (volume.state !== 'available') throw new Ec2Fault('VolumeInUse', `Volume ${volume.id} is ${volume.state}, not available`);
  volume.state = 'deleting';
  world.later(() => world.volumes.delete(volume.id));
  return { return: true };
}

/**
 * ModifyVolume, size only: a volume can grow, never shrink (`InvalidParameterValue`), and one
 * modification runs at a time (`IncorrectModificationState`). The modification goes `modifying`
 * → `optimizing` (the new size is visible from here) → `completed`. EC2 also waits six hours
 * between modifications of one volume; the fake does not model that wait.
 */
export function modifyVolume(call: Call): Record<string, XmlValue> {
  const { world, params, region } = call;
  const volume = requireVolume(world, region, params.required('VolumeId'));
  const size = params.int('Size');
  if (size === undefined) throw invalidValue('Size is the only modification the fake supports and it is missing');
  if (volume.modification && volume.modification.state !== 'completed') {
    throw new Ec2Fault('IncorrectModificationState', `Volume ${volume.id} is already being modified`);
  }
  if (size < volume.size) throw invalidValue(`Volume ${volume.id} cannot shrink below ${volume.size} GiB`);
  if (size > 16384) throw invalidValue('Volume size must be at most 16384 GiB');
  const modification: FakeModification = { state: 'modifying', originalSize: volume.size, targetSize: size };
  volume.modification = modification;
  world.later(() => {
    modification.state = 'optimizing';
    volume.size = size;
    world.later(() => (modification.state = 'completed'));
  });
  return {
    volumeModification: { volumeId: volume.id, modificationState: modification.state, targetSize: size, originalSize: modification.originalSize, progress: 0 },
  };
}
