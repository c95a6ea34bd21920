import { ACCOUNT_ID } from './catalog.js';
import { Ec2Fault, notFound } from './faults.js';
import type { Call } from './call.js';
import { checkFilterNames, matchesFilters, page } from './filters.js';
import { requireInstance } from './lookup.js';
import type { FakeInstance } from './model.js';
import { instanceXml } from './render.js';
import type { XmlValue } from './xml.js';

const FILTERS = ['instance-id', 'client-token', 'instance-state-name', 'availability-zone', 'subnet-id', 'vpc-id', 'instance-type', 'image-id', 'private-ip-address'];

/**
 * DescribeInstances: by `InstanceId.N` (each must exist: `InvalidInstanceID.NotFound`) and/or
 * filters, grouped in reservations, paginated with `MaxResults` 5–1000 (not combinable with
 * instance ids: `InvalidParameterCombination`). Terminated instances stay visible for a while,
 * and a new instance shows up only after `describeLagMs` (EC2's eventual consistency).
 */
export function describeInstances(call: Call): Record<string, XmlValue> {
  const { world, params, region } = call;
  const ids = params.list('InstanceId');
  if (ids.length > 0 && params.get('MaxResults') !== undefined) {
    throw new Ec2Fault('InvalidParameterCombination', 'InstanceId and MaxResults cannot be combined');
  }
  const filters = params.filters();
  checkFilterNames(filters, FILTERS);
  const now = Date.now();
  const visible = (instance: FakeInstance) => {
    if (instance.visibleAt > now) throw notFound('InvalidInstanceID.NotFound', 'instance', instance.id);
    return instance;
  };
  const candidates = ids.length > 0
    ? ids.map((id) => visible(requireInstance(world, region, id)))
    : [...world.instances.values()].filter((i) => i.region === region && !i.purged && i.visibleAt <= now);
  const matching = candidates.filter((instance) => matchesFilters(filters, fieldsOf(instance), instance.tags, FILTERS));
  const reservations = groupByReservation(matching);
  const { items, nextToken } = page(reservations, params, { min: 5, max: 1000 });
  return {
    reservationSet: items.map((instances) => ({
      reservationId: instances[0]?.reservationId,
      ownerId: ACCOUNT_ID,
      instancesSet: instances.map((instance) => instanceXml(world, instance)),
    })),
    nextToken,
  };
}

function fieldsOf(instance: FakeInstance): Record<string, string[]> {
  return {
    'instance-id': [instance.id],
    'client-token': instance.clientToken ? [instance.clientToken] : [],
    'instance-state-name': [instance.state],
    'availability-zone': [instance.zone],
    'subnet-id': [instance.subnetId],
    'vpc-id': [instance.vpcId],
    'instance-type': [instance.instanceType],
    'image-id': [instance.imageId],
    'private-ip-address': [instance.privateIp],
  };
}

function groupByReservation(instances: readonly FakeInstance[]): FakeInstance[][] {
  const groups = new Map<string, FakeInstance[]>();
  for (const instance of instances) groups.set(instance.reservationId, [...(groups.get(instance.reservationId) ?? []), instance]);
  return [...groups.values()];
}
