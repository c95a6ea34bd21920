import type { Call } from './call.js';
import { checkFilterNames, matchesFilters } from './filters.js';
import { requireInterface } from './lookup.js';
import type { FakeNetworkInterface } from './model.js';
import { interfaceXml } from './render.js';
import type { XmlValue } from './xml.js';

const FILTERS = ['network-interface-id', 'subnet-id', 'vpc-id', 'availability-zone', 'status', 'private-ip-address', 'attachment.instance-id'];

/**
 * CreateNetworkInterface: an interface in a subnet with the subnet's lowest free address, the given
 * security groups and tags; idempotent by `ClientToken`. It outlives any instance it is attached to
 * at launch, which is what makes its address stable.
 */
export function createNetworkInterface(call: Call): Record<string, XmlValue> {
  const { world, params, region } = call;
  const subnet = world.subnet(region, params.required('SubnetId'));
  const { ids } = world.idempotent(`${region}/CreateNetworkInterface`, params.get('ClientToken'), params.fingerprint(['ClientToken']), () => {
    const eni: FakeNetworkInterface = {
      id: world.newId('eni'),
      region,
      zone: subnet.zone,
      subnetId: subnet.id,
      vpcId: subnet.vpcId,
      privateIp: world.allocateIp(subnet),
      description: params.get('Description') ?? '',
      groups: params.list('SecurityGroupId'),
      tags: new Map(params.tagsFor('network-interface').map((tag) => [tag.key, tag.value])),
      ownedByInstance: false,
    };
    world.interfaces.set(eni.id, eni);
    return [eni.id];
  });
  return { networkInterface: interfaceXml(requireInterface(world, region, ids[0] as string)), clientToken: params.get('ClientToken') };
}

/** DescribeNetworkInterfaces: by `NetworkInterfaceId.N` (each must exist) and/or filters. */
export function describeNetworkInterfaces(call: Call): Record<string, XmlValue> {
  const { world, params, region } = call;
  const ids = params.list('NetworkInterfaceId');
  const filters = params.filters();
  checkFilterNames(filters, FILTERS);
  const candidates = ids.length > 0 ? ids.map((id) => requireInterface(world, region, id)) : [...world.interfaces.values()].filter((eni) => eni.region === region);
  const matching = candidates.filter((eni) =>
    matchesFilters(
      filters,
      {
        'network-interface-id': [eni.id],
        'subnet-id': [eni.subnetId],
        'vpc-id': [eni.vpcId],
        'availability-zone': [eni.zone],
        status: [eni.attachment ? 'in-use' : 'available'],
        'private-ip-address': [eni.privateIp],
        'attachment.instance-id': eni.attachment ? [eni.attachment.instanceId] : [],
      },
      eni.tags,
      FILTERS,
    ),
  );
  return { networkInterfaceSet: matching.map(interfaceXml) };
}
