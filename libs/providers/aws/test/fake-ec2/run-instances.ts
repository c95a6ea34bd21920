import { IMAGES, INSTANCE_TYPE_VCPUS, SUBNETS, ACCOUNT_ID, type FakeSubnet } from './catalog.js';
import { Ec2Fault, invalidValue, malformed, notFound } from './faults.js';
import type { Call } from './call.js';
import { requireInterface } from './lookup.js';
import type { FakeInstance, FakeNetworkInterface } from './model.js';
import { instanceXml } from './render.js';
import type { XmlValue } from './xml.js';

/**
 * RunInstances: launches `MaxCount` instances in `pending` that become `running` after one
 * transition. Honours `ClientToken` idempotency, the account's instance and vCPU limits
 * (`InstanceLimitExceeded`, `VcpuLimitExceeded`), `SubnetId` or an existing network interface at
 * device index 0 (not both: `InvalidParameterCombination`), and `TagSpecification` tags.
 */
export function runInstances(call: Call): Record<string, XmlValue> {
  const { world, params, region } = call;
  const count = params.int('MaxCount') ?? 0;
  if (params.int('MinCount') === undefined || count < 1) throw invalidValue('MinCount and MaxCount must be at least 1');
  const imageId = imageIn(region, params.required('ImageId'));
  const instanceType = params.required('InstanceType');
  const vcpus = INSTANCE_TYPE_VCPUS[instanceType];
  if (vcpus === undefined) throw invalidValue(`Unknown instance type ${instanceType}`);
  const reservationId = world.newId('r');
  const { ids } = world.idempotent(`${region}/RunInstances`, params.get('ClientToken'), params.fingerprint(['ClientToken']), () => {
    checkLimits(call, count, vcpus * count);
    const placement = placementOf(call);
    return Array.from({ length: count }, () => launch(call, { reservationId, imageId, instanceType, ...placement }));
  });
  const instances = ids.map((id) => world.instances.get(id)).filter((instance): instance is FakeInstance => instance !== undefined);
  return {
    reservationId: instances[0]?.reservationId ?? reservationId,
    ownerId: ACCOUNT_ID,
    instancesSet: instances.map((instance) => instanceXml(world, instance)),
  };
}

/** Instances in `pending` or `running` count against the limits, as EC2 counts running On-Demand capacity. */
export function checkLimits(call: Call, instances: number, vcpus: number): void {
  const live = [...call.world.instances.values()].filter((i) => i.region === call.region && (i.state === 'pending' || i.state === 'running'));
  const { maxInstances, maxVcpus } = call.world.settings;
  if (live.length + instances > maxInstances) {
    throw new Ec2Fault('InstanceLimitExceeded', `Launching would make ${live.length + instances} running instances; the account limit is ${maxInstances}`);
  }
  const used = live.reduce((sum, i) => sum + (INSTANCE_TYPE_VCPUS[i.instanceType] ?? 0), 0);
  if (used + vcpus > maxVcpus) {
    throw new Ec2Fault('VcpuLimitExceeded', `Launching would use ${used + vcpus} running vCPUs; the account limit is ${maxVcpus}`);
  }
}

interface Launch {
  readonly reservationId: string;
  readonly imageId: string;
  readonly instanceType: string;
  readonly subnet: FakeSubnet;
  readonly eni?: FakeNetworkInterface;
  readonly groups: readonly string[];
}

function launch(call: Call, spec: Launch): string {
  const { world, params, region } = call;
  const id = world.newId('i');
  const eni = spec.eni ?? ownInterface(call, spec.subnet, spec.groups);
  eni.attachment = { instanceId: id, deviceIndex: 0, deleteOnTermination: eni.ownedByInstance };
  const instance: FakeInstance = {
    id,
    reservationId: spec.reservationId,
    region,
    zone: spec.subnet.zone,
    subnetId: spec.subnet.id,
    vpcId: spec.subnet.vpcId,
    imageId: spec.imageId,
    instanceType: spec.instanceType,
    privateIp: eni.privateIp,
    clientToken: params.get('ClientToken'),
    keyName: params.get('KeyName'),
    securityGroupIds: eni.groups,
    userData: params.get('UserData'),
    state: 'pending',
    launchTime: new Date().toISOString(),
    visibleAt: Date.now() + world.settings.describeLagMs,
    tags: new Map(params.tagsFor('instance').map((tag) => [tag.key, tag.value])),
    rootDeviceName: '/dev/xvda',
    networkInterfaceId: eni.id,
  };
  world.instances.set(id, instance);
  const rootId = world.newId('vol');
  const volumeTags = new Map(params.tagsFor('volume').map((tag) => [tag.key, tag.value]));
  world.volumes.set(rootId, {
    id: rootId, region, zone: instance.zone, size: 8, volumeType: 'gp3', state: 'in-use', createTime: instance.launchTime, tags: volumeTags,
    attachment: { instanceId: id, device: instance.rootDeviceName, state: 'attached', attachTime: instance.launchTime, deleteOnTermination: true },
  });
  world.later(() => {
    if (instance.state === 'pending') instance.state = 'running';
  });
  return id;
}

function placementOf(call: Call): { subnet: FakeSubnet; eni?: FakeNetworkInterface; groups: readonly string[] } {
  const { world, params, region } = call;
  const nic = params.structs('NetworkInterface').find((spec) => spec.get('DeviceIndex') === '0');
  const subnetId = params.get('SubnetId');
  if (nic && subnetId) throw new Ec2Fault('InvalidParameterCombination', 'Give either SubnetId or a network interface at device index 0, not both');
  const groups = params.list('SecurityGroupId');
  const eniId = nic?.get('NetworkInterfaceId');
  if (eniId) {
    const eni = requireInterface(world, region, eniId);
    if (eni.attachment) throw new Ec2Fault('InvalidNetworkInterface.InUse', `Network interface ${eniId} is attached to another instance`);
    return { subnet: world.subnet(region, eni.subnetId), eni, groups: eni.groups };
  }
  const chosen = subnetId ?? nic?.get('SubnetId') ?? defaultSubnet(call)?.id;
  if (!chosen) throw new Ec2Fault('VPCIdNotSpecified', 'No subnet given and the region has no default VPC');
  return { subnet: world.subnet(region, chosen), groups };
}

function defaultSubnet(call: Call): FakeSubnet | undefined {
  const zone = call.params.get('Placement.AvailabilityZone');
  return SUBNETS.find((s) => s.defaultForAz && call.world.regionOfVpc(s.vpcId) === call.region && (zone === undefined || s.zone === zone));
}

function ownInterface(call: Call, subnet: FakeSubnet, groups: readonly string[]): FakeNetworkInterface {
  const eni: FakeNetworkInterface = {
    id: call.world.newId('eni'), region: call.region, zone: subnet.zone, subnetId: subnet.id, vpcId: subnet.vpcId,
    privateIp: call.world.allocateIp(subnet), description: 'Primary network interface', groups, tags: new Map(), ownedByInstance: true,
  };
  call.world.interfaces.set(eni.id, eni);
  return eni;
}

function imageIn(region: string, imageId: string): string {
  if (!/^ami-[0-9a-f]{8,17}$/.test(imageId)) throw malformed('InvalidAMIID.Malformed', imageId);
  if (!IMAGES.some((image) => image.id === imageId && image.region === region)) throw notFound('InvalidAMIID.NotFound', 'image', imageId);
  return imageId;
}
