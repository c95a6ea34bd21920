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

const MODIFICATIONS_PER_DAY = 4;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * ModifyVolume, size only: a volume can grow, never shrink (`InvalidParameterValue`); one
 * modification runs at a time, so a new one before the last is `completed` is
 * `IncorrectModificationState`; and a volume takes at most four modifications in a rolling 24 hours
 * (`VolumeModificationRateExceeded`; before 2026 EC2 asked for six hours between modifications).
 * A modification goes `modifying` → `optimizing` (the new size is visible from here) → `completed`.
 */
export function modifyVolume(call: Call): Record<string, XmlValue> {
  const { world, params, region } = call;
  const volume = requireVolume(world, region, params.required('VolumeId'));
  const size = params.int('Size');
  if (size === undefined) throw invalidValue('Size is the only modification the fake supports and it is missing');
  if (volume.modification && volume.modification.state !== 'completed') {
    throw new Ec2Fault('IncorrectModificationState', `Volume ${volume.id} is already being modified`);
  }
  const recent = (volume.modifiedAt ?? []).filter((at) => Date.now() - at < DAY_MS);
  if (recent.length >= MODIFICATIONS_PER_DAY) {
    throw new Ec2Fault('VolumeModificationRateExceeded', `Volume ${volume.id} was modified ${recent.length} times in the last 24 hours`);
  }
  if (size < volume.size) throw invalidValue(`Volume ${volume.id} cannot shrink below ${volume.size} GiB`);
  if (size > 16384) throw invalidValue('Volume size must be at most 16384 GiB');
  const modification: FakeModification = { state: 'modifying', originalSize: volume.size, targetSize: size };
  volume.modification = modification;
  volume.modifiedAt = [...recent, Date.now()];
  world.later(() => {
    modification.state = 'optimizing';
    volume.size = size;
    // Optimizing takes far longer than modifying on EC2 (hours for large volumes): five steps here.
    world.later(() => (modification.state = 'completed'), 5);
  });
  return {
    volumeModification: { volumeId: volume.id, modificationState: modification.state, targetSize: size, originalSize: modification.originalSize, progress: 0 },
  };
}
