import { ACCOUNT_ID, IMAGES, REGIONS, SUBNETS, VPCS } from './catalog.js';
import { Ec2Fault, invalidValue, malformed } from './faults.js';
import type { Call } from './call.js';
import { checkFilterNames, matchesFilters } from './filters.js';
import type { XmlValue } from './xml.js';

/** DescribeRegions: every region of the fake, with its endpoint and opt-in status. */
export function describeRegions(call: Call): Record<string, XmlValue> {
  const names = call.params.list('RegionName');
  const regions = Object.keys(REGIONS).filter((name) => names.length === 0 || names.includes(name));
  return { regionInfo: regions.map((regionName) => ({ regionName, regionEndpoint: `ec2.${regionName}.amazonaws.com`, optInStatus: 'opt-in-not-required' })) };
}

/** DescribeAvailabilityZones: the zones of the signed region; naming an unknown zone is `InvalidParameterValue`. */
export function describeAvailabilityZones(call: Call): Record<string, XmlValue> {
  const zones = REGIONS[call.region] ?? [];
  const names = call.params.list('ZoneName');
  const unknown = names.find((name) => !zones.includes(name));
  if (unknown) throw invalidValue(`Unknown zone ${unknown}`);
  const filters = call.params.filters();
  checkFilterNames(filters, ['zone-name', 'state', 'region-name']);
  const chosen = zones
    .filter((zone) => names.length === 0 || names.includes(zone))
    .filter((zone) => matchesFilters(filters, { 'zone-name': [zone], state: ['available'], 'region-name': [call.region] }, new Map(), ['zone-name', 'state', 'region-name']));
  return {
    availabilityZoneInfo: chosen.map((zoneName, index) => ({
      zoneName, zoneState: 'available', regionName: call.region, zoneId: `${call.region.replace(/-/g, '').slice(0, 4)}-az${index + 1}`, zoneType: 'availability-zone', optInStatus: 'opt-in-not-required',
    })),
  };
}

/** DescribeVpcs: the region's VPCs, by `VpcId.N` or the `is-default` / `vpc-id` filters. */
export function describeVpcs(call: Call): Record<string, XmlValue> {
  const ids = call.params.list('VpcId');
  const filters = call.params.filters();
  checkFilterNames(filters, ['is-default', 'vpc-id', 'cidr']);
  const vpcs = VPCS.filter((vpc) => vpc.region === call.region && (ids.length === 0 || ids.includes(vpc.id)));
  for (const id of ids) if (!vpcs.some((vpc) => vpc.id === id)) throw new Ec2Fault('InvalidVpcID.NotFound', `No VPC with id ${id}`);
  const matching = vpcs.filter((vpc) => matchesFilters(filters, { 'is-default': [String(vpc.isDefault)], 'vpc-id': [vpc.id], cidr: [vpc.cidr] }, new Map(), ['is-default', 'vpc-id', 'cidr']));
  return { vpcSet: matching.map((vpc) => ({ vpcId: vpc.id, state: 'available', cidrBlock: vpc.cidr, isDefault: vpc.isDefault, ownerId: ACCOUNT_ID })) };
}

/** DescribeSubnets: the region's subnets, by `SubnetId.N` (each must exist) or filters. */
export function describeSubnets(call: Call): Record<string, XmlValue> {
  const supported = ['subnet-id', 'vpc-id', 'availability-zone', 'default-for-az', 'cidr-block'];
  const ids = call.params.list('SubnetId');
  const filters = call.params.filters();
  checkFilterNames(filters, supported);
  const subnets = ids.length > 0 ? ids.map((id) => call.world.subnet(call.region, id)) : SUBNETS.filter((s) => call.world.regionOfVpc(s.vpcId) === call.region);
  const matching = subnets.filter((s) =>
    matchesFilters(filters, { 'subnet-id': [s.id], 'vpc-id': [s.vpcId], 'availability-zone': [s.zone], 'default-for-az': [String(s.defaultForAz)], 'cidr-block': [s.cidr] }, tagsOf(s.name), supported),
  );
  return {
    subnetSet: matching.map((s) => ({
      subnetId: s.id, state: 'available', vpcId: s.vpcId, cidrBlock: s.cidr, availableIpAddressCount: call.world.freeIps(s), availabilityZone: s.zone,
      defaultForAz: s.defaultForAz, mapPublicIpOnLaunch: s.defaultForAz, ownerId: ACCOUNT_ID, tagSet: s.name ? [{ key: 'Name', value: s.name }] : undefined,
    })),
  };
}

/** DescribeImages: by `ImageId.N` and/or `Owner.N` (`self` is the caller's account); both given, both apply. */
export function describeImages(call: Call): Record<string, XmlValue> {
  const ids = call.params.list('ImageId');
  const owners = call.params.list('Owner').map((owner) => (owner === 'self' ? ACCOUNT_ID : owner === 'amazon' ? '137112412989' : owner));
  for (const id of ids) if (!/^ami-[0-9a-f]{8,17}$/.test(id)) throw malformed('InvalidAMIID.Malformed', id);
  const images = IMAGES.filter((image) => image.region === call.region && (ids.length === 0 || ids.includes(image.id)) && (owners.length === 0 || owners.includes(image.ownerId)));
  for (const id of ids) if (!IMAGES.some((image) => image.id === id && image.region === call.region)) throw new Ec2Fault('InvalidAMIID.NotFound', `No image with id ${id}`);
  return {
    imagesSet: images.map((image) => ({
      imageId: image.id, imageState: 'available', imageOwnerId: image.ownerId, isPublic: image.isPublic, architecture: 'x86_64', imageType: 'machine',
      name: image.name, rootDeviceType: 'ebs', rootDeviceName: '/dev/xvda', virtualizationType: 'hvm',
    })),
  };
}

/** DescribeAccountAttributes: `max-instances` (the configured limit), `default-vpc` and `supported-platforms`. */
export function describeAccountAttributes(call: Call): Record<string, XmlValue> {
  const all: Record<string, string> = {
    'max-instances': String(call.world.settings.maxInstances),
    'default-vpc': VPCS.find((vpc) => vpc.region === call.region && vpc.isDefault)?.id ?? 'none',
    'supported-platforms': 'VPC',
  };
  const names = call.params.list('AttributeName');
  const chosen = names.length > 0 ? names : Object.keys(all);
  for (const name of chosen) if (!(name in all)) throw invalidValue(`Invalid attribute name: ${name}`);
  return { accountAttributeSet: chosen.map((attributeName) => ({ attributeName, attributeValueSet: [{ attributeValue: all[attributeName] }] })) };
}

function tagsOf(name: string | undefined): Map<string, string> {
  return new Map(name ? [['Name', name]] : []);
}
