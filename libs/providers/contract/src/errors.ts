import { PitrixError } from '@pitrix/errors';
import type { ResourceDemand, Shortfall } from './contract.js';

/** `RUNTIME.ZONE_NOT_FOUND` naming the zone and the zones that exist. */
export function zoneNotFound(provider: string, zone: string, known: readonly string[]): PitrixError {
  return new PitrixError('RUNTIME.ZONE_NOT_FOUND', `Zone ${JSON.stringify(zone)} does not exist for provider ${provider}`, [
    { path: 'zone', message: 'unknown zone', expected: `one of ${known.join(', ')}`, found: zone },
  ]);
}

/** `RUNTIME.QUOTA_EXCEEDED` listing every resource that does not fit. */
export function quotaExceeded(demand: ResourceDemand, shortfalls: readonly Shortfall[]): PitrixError {
  const list = shortfalls.map((s) => `${s.resource}: requested ${s.requested}, available ${s.available}`).join('; ');
  return new PitrixError(
    'RUNTIME.QUOTA_EXCEEDED',
    `Not enough resources in the zone (${list})`,
    shortfalls.map((s) => ({ path: s.resource, message: 'exceeds the quota', expected: `<= ${s.available}`, found: demand[s.resource] })),
  );
}

/** `RUNTIME.INSTANCE_NOT_FOUND` naming the instance. */
export function instanceNotFound(instanceId: string): PitrixError {
  return new PitrixError('RUNTIME.INSTANCE_NOT_FOUND', `Instance ${instanceId} does not exist`);
}

/** `RUNTIME.VOLUME_NOT_FOUND` naming the volume. */
export function volumeNotFound(volumeId: string): PitrixError {
  return new PitrixError('RUNTIME.VOLUME_NOT_FOUND', `Volume ${volumeId} does not exist`);
}

/** `RUNTIME.INVALID_STATE`: the resource is not in a state that allows the action. */
export function invalidState(what: string, state: string, action: string): PitrixError {
  return new PitrixError('RUNTIME.INVALID_STATE', `Cannot ${action} ${what}: it is ${state}`);
}

/** Compares a demand with what is available and returns the shortfalls (empty when it fits). */
export function shortfallsOf(demand: ResourceDemand, available: ResourceDemand): Shortfall[] {
  return (Object.keys(demand) as Array<keyof ResourceDemand>)
    .filter((resource) => demand[resource] > available[resource])
    .map((resource) => ({ resource, requested: demand[resource], available: available[resource] }));
}
