import { REGIONS } from './catalog.js';
import { Ec2Fault, incorrectInstanceState, incorrectVolumeState, invalidValue } from './faults.js';
import type { Call } from './call.js';
import { checkFilterNames, matchesFilters, page } from './filters.js';
import { requireInstance, requireVolume } from './lookup.js';
import type { FakeVolume } from './model.js';
import { volumeXml } from './render.js';
import type { XmlValue } from './xml.js';

const FILTERS = ['volume-id', 'status', 'availability-zone', 'size', 'volume-type', 'attachment.instance-id', 'attachment.device', 'attachment.status'];

/**
 * CreateVolume: `creating` → `available`, in one zone of the region, 1–16384 GiB (gp3 bounds),
 * idempotent by `ClientToken` (same parameters: the same volume; different: mismatch).
 */
export function createVolume(call: Call): Record<string, XmlValue> {
  const { world, params, region } = call;
  const zone = params.required('AvailabilityZone');
  if (!REGIONS[region]?.includes(zone)) throw invalidValue(`Unknown availability zone ${zone}`);
  const size = params.int('Size');
  if (size === undefined || size < 1 || size > 16384) throw invalidValue('Volume size must be between 1 and 16384 GiB');
  const { ids } = world.idempotent(`${region}/CreateVolume`, params.get('ClientToken'), params.fingerprint(['ClientToken']), () => {
    const volume: FakeVolume = {
      id: world.newId('vol'), region, zone, size, volumeType: params.get('VolumeType') ?? 'gp2', state: 'creating',
      createTime: new Date().toISOString(), tags: new Map(params.tagsFor('volume').map((tag) => [tag.key, tag.value])),
    };
    world.volumes.set(volume.id, volume);
    world.later(() => {
      if (volume.state === 'creating') volume.state = 'available';
    });
    return [volume.id];
  });
  return volumeXml(requireVolume(world, region, ids[0] as string));
}

/** DescribeVolumes: by `VolumeId.N` (each must exist) and/or filters, paginated with `MaxResults` 5–500. */
export function describeVolumes(call: Call): Record<string, XmlValue> {
  const { world, params, region } = call;
  const ids = params.list('VolumeId');
  const filters = params.filters();
  checkFilterNames(filters, FILTERS);
  const candidates = ids.length > 0 ? ids.map((id) => requireVolume(world, region, id)) : [...world.volumes.values()].filter((v) => v.region === region);
  const matching = candidates.filter((volume) => matchesFilters(filters, fieldsOf(volume), volume.tags, FILTERS));
  const { items, nextToken } = page(matching, params, { min: 5, max: 500 });
  return { volumeSet: items.map(volumeXml), nextToken };
}

/**
 * AttachVolume: the volume must be `available` (`VolumeInUse` when attached, `IncorrectState`
 * otherwise), in the instance's zone (`InvalidVolume.ZoneMismatch`), the instance `running` or
 * `stopped`, and the device name free on it. The attachment goes `attaching` → `attached`.
 */
export function attachVolume(call: Call): Record<string, XmlValue> {
  const { world, params, region } = call;
  const volume = requireVolume(world, region, params.required('VolumeId'));
  const instance = requireInstance(world, region, params.required('InstanceId'));
  const device = params.required('Device');
  if (volume.attachment) throw new Ec2Fault('VolumeInUse', `Volume ${volume.id} is attached already`);
  if (volume.state !== 'available') throw incorrectVolumeState(volume.id, volume.state);
  if (instance.state !== 'running' && instance.state !== 'stopped') throw incorrectInstanceState(instance.id, instance.state, 'attached to');
  if (volume.zone !== instance.zone) throw new Ec2Fault('InvalidVolume.ZoneMismatch', `Volume ${volume.id} and instance ${instance.id} are in different zones`);
  const taken = [...world.volumes.values()].some((other) => other.attachment?.instanceId === instance.id && other.attachment.device === device);
  if (taken || device === instance.rootDeviceName) throw invalidValue(`Device ${device} is taken on ${instance.id}`);
  const attachment = { instanceId: instance.id, device, state: 'attaching' as const, attachTime: new Date().toISOString(), deleteOnTermination: false };
  volume.attachment = { ...attachment };
  volume.state = 'in-use';
  world.later(() => {
    if (volume.attachment?.state === 'attaching') volume.attachment.state = 'attached';
  });
  return { volumeId: volume.id, instanceId: instance.id, device, status: 'attaching', attachTime: attachment.attachTime };
}

/** DetachVolume: only an `in-use` volume (`IncorrectState` otherwise); `detaching`, then `available`. */
export function detachVolume(call: Call): Record<string, XmlValue> {
  const { world, params, region } = call;
  const volume = requireVolume(world, region, params.required('VolumeId'));
  const attachment = volume.attachment;
  if (!attachment || volume.state !== 'in-use') throw incorrectVolumeState(volume.id, volume.state);
  if (attachment.device === world.instances.get(attachment.instanceId)?.rootDeviceName) {
    throw new Ec2Fault('OperationNotPermitted', `Volume ${volume.id} is the root volume of ${attachment.instanceId}`);
  }
  attachment.state = 'detaching';
  world.later(() => {
    if (volume.attachment === attachment) Object.assign(volume, { attachment: undefined, state: 'available' });
  });
  return { volumeId: volume.id, instanceId: attachment.instanceId, device: attachment.device, status: 'detaching', attachTime: attachment.attachTime };
}

function fieldsOf(volume: FakeVolume): Record<string, string[]> {
  const attachment = volume.attachment;
  return {
    'volume-id': [volume.id],
    status: [volume.state],
    'availability-zone': [volume.zone],
    size: [String(volume.size)],
    'volume-type': [volume.volumeType],
    'attachment.instance-id': attachment ? [attachment.instanceId] : [],
    'attachment.device': attachment ? [attachment.device] : [],
    'attachment.status': attachment ? [attachment.state] : [],
  };
}
