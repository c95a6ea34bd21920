import { malformed, notFound } from './faults.js';
import type { FakeInstance, FakeNetworkInterface, FakeVolume } from './model.js';
import type { FakeWorld } from './world.js';

const ID = (prefix: string) => new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`);

/** The instance with this id in the region: `InvalidInstanceID.Malformed` / `.NotFound` otherwise. */
export function requireInstance(world: FakeWorld, region: string, id: string): FakeInstance {
  if (!ID('i').test(id)) throw malformed('InvalidInstanceID.Malformed', id);
  const instance = world.instances.get(id);
  if (!instance || instance.region !== region || instance.purged) throw notFound('InvalidInstanceID.NotFound', 'instance', id);
  return instance;
}

/** The volume with this id in the region: `InvalidVolumeID.Malformed` / `InvalidVolume.NotFound` otherwise. */
export function requireVolume(world: FakeWorld, region: string, id: string): FakeVolume {
  if (!ID('vol').test(id)) throw malformed('InvalidVolumeID.Malformed', id);
  const volume = world.volumes.get(id);
  if (!volume || volume.region !== region) throw notFound('InvalidVolume.NotFound', 'volume', id);
  return volume;
}

/** The network interface with this id: `InvalidNetworkInterfaceID.Malformed` / `.NotFound` otherwise. */
export function requireInterface(world: FakeWorld, region: string, id: string): FakeNetworkInterface {
  if (!ID('eni').test(id)) throw malformed('InvalidNetworkInterfaceID.Malformed', id);
  const eni = world.interfaces.get(id);
  if (!eni || eni.region !== region) throw notFound('InvalidNetworkInterfaceID.NotFound', 'network interface', id);
  return eni;
}
