import type { Call } from './call.js';
import { Ec2Fault } from './faults.js';
import { checkFilterNames, matchesFilters, page } from './filters.js';
import { requireInterface } from './lookup.js';
import type { FakeNetworkInterface } from './model.js';
import { interfaceXml } from './render.js';
import type { XmlValue } from './xml.js';

const FILTERS = ['network-interface-id', 'subnet-id', 'vpc-id', 'availability-zone', 'status', 'private-ip-address', 'attachment.instance-id'];

/**
 * CreateNetworkInterface: an interface in a subnet with the subnet's lowest free address, the given
 * security groups and tags; idempotent by `ClientToken`. It outlives any instance it is attached to
 * at launch, which is what makes its address stable. A token stays remembered after its interface
 * is deleted, so repeating it then answers `InvalidNetworkInterfaceID.NotFound` and creates nothing
 * (EC2 documents that a repeated token performs no further action, not what it answers then).
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

/**
 * DescribeNetworkInterfaces: by `NetworkInterfaceId.N` (each must exist) and/or filters, paginated
 * with `MaxResults` 5–1000 (not combinable with ids: `InvalidParameterCombination`).
 */
export function describeNetworkInterfaces(call: Call): Record<string, XmlValue> {
  const { world, params, region } = call;
  const ids = params.list('NetworkInterfaceId');
  if (ids.length > 0 && params.get('MaxResults') !== undefined) {
    throw new Ec2Fault('InvalidParameterCombination', 'NetworkInterfaceId and MaxResults cannot be combined');
  }
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
  const { items, nextToken } = page(matching, params, { min: 5, max: 1000 });
  return { networkInterfaceSet: items.map(interfaceXml), nextToken };
}

/**
 * DeleteNetworkInterface: only a detached interface (`InvalidNetworkInterface.InUse` while attached
 * to an instance, whatever its state: EC2 detaches it when the instance is terminated); its address
 * goes back to the subnet, and its id is `InvalidNetworkInterfaceID.NotFound` from then on, also for
 * a second delete. A `ClientToken` that created it stays remembered (see `FakeWorld.idempotent`).
 */
export function deleteNetworkInterface(call: Call): Record<string, XmlValue> {
  const { world, params, region } = call;
  const eni = requireInterface(world, region, params.required('NetworkInterfaceId'));
  if (eni.attachment) throw new Ec2Fault('InvalidNetworkInterface.InUse', `Network interface ${eni.id} is currently in use by ${eni.attachment.instanceId}`);
  world.interfaces.delete(eni.id);
  world.releaseIp(eni.subnetId, eni.privateIp);
  return { return: true };
}
