import { ACCOUNT_ID } from './catalog.js';
import { INSTANCE_STATE_CODES, type FakeInstance, type FakeNetworkInterface, type FakeVolume, type InstanceStateName } from './model.js';
import type { FakeWorld } from './world.js';
import { tagSet, type XmlValue } from './xml.js';

/** `InstanceState`: `{code, name}`. */
export function stateXml(state: InstanceStateName): XmlValue {
  return { code: INSTANCE_STATE_CODES[state], name: state };
}

/** An instance as `instancesSet/item` of RunInstances and DescribeInstances. */
export function instanceXml(world: FakeWorld, instance: FakeInstance): XmlValue {
  const attached = [...world.volumes.values()].filter((volume) => volume.attachment?.instanceId === instance.id);
  return {
    instanceId: instance.id,
    imageId: instance.imageId,
    instanceState: stateXml(instance.state),
    privateDnsName: `ip-${instance.privateIp.replace(/\./g, '-')}.ec2.internal`,
    keyName: instance.keyName,
    amiLaunchIndex: 0,
    instanceType: instance.instanceType,
    launchTime: instance.launchTime,
    placement: { availabilityZone: instance.zone, tenancy: 'default' },
    subnetId: instance.subnetId,
    vpcId: instance.vpcId,
    privateIpAddress: instance.privateIp,
    groupSet: instance.securityGroupIds.map((groupId) => ({ groupId })),
    architecture: 'x86_64',
    rootDeviceType: 'ebs',
    rootDeviceName: instance.rootDeviceName,
    blockDeviceMapping: attached.map((volume) => ({
      deviceName: volume.attachment?.device,
      ebs: { volumeId: volume.id, status: volume.attachment?.state, attachTime: volume.attachment?.attachTime, deleteOnTermination: volume.attachment?.deleteOnTermination },
    })),
    virtualizationType: 'hvm',
    clientToken: instance.clientToken ?? '',
    tagSet: instance.tags.size > 0 ? tagSet(instance.tags) : undefined,
    networkInterfaceSet: [{ networkInterfaceId: instance.networkInterfaceId, subnetId: instance.subnetId, privateIpAddress: instance.privateIp }],
  };
}

/** A volume as DescribeVolumes' `volumeSet/item` (CreateVolume returns the same members at top level). */
export function volumeXml(volume: FakeVolume): Record<string, XmlValue> {
  const attachment = volume.attachment;
  return {
    volumeId: volume.id,
    size: volume.size,
    snapshotId: '',
    availabilityZone: volume.zone,
    status: volume.state,
    createTime: volume.createTime,
    attachmentSet: attachment
      ? [{ volumeId: volume.id, instanceId: attachment.instanceId, device: attachment.device, status: attachment.state, attachTime: attachment.attachTime, deleteOnTermination: attachment.deleteOnTermination }]
      : [],
    tagSet: volume.tags.size > 0 ? tagSet(volume.tags) : undefined,
    volumeType: volume.volumeType,
    encrypted: false,
  };
}

/** A network interface as `networkInterface` / `networkInterfaceSet/item`. */
export function interfaceXml(eni: FakeNetworkInterface): XmlValue {
  return {
    networkInterfaceId: eni.id,
    subnetId: eni.subnetId,
    vpcId: eni.vpcId,
    availabilityZone: eni.zone,
    description: eni.description,
    ownerId: ACCOUNT_ID,
    status: eni.attachment ? 'in-use' : 'available',
    privateIpAddress: eni.privateIp,
    groupSet: eni.groups.map((groupId) => ({ groupId })),
    attachment: eni.attachment ? { instanceId: eni.attachment.instanceId, deviceIndex: eni.attachment.deviceIndex, status: 'attached', deleteOnTermination: eni.attachment.deleteOnTermination } : undefined,
    tagSet: eni.tags.size > 0 ? tagSet(eni.tags) : undefined,
    interfaceType: 'interface',
  };
}
