import type { Instance as Ec2Instance, InstanceStateName } from '@aws-sdk/client-ec2';
import type { Instance, InstanceStatus } from '@pitrix/provider-contract';
import { sizeOfType, type InstanceTypeSize } from './instance-types.js';
import { callerTags, TAG, tagRecord } from './tags.js';

/**
 * EC2 instance states as the contract sees them. `stopping` already counts as stopped: its agent is
 * shutting down and will not answer, and a start has to wait for `stopped` anyway.
 * `shutting-down` counts as terminated: nothing can bring it back.
 */
export const STATE_MAP: Readonly<Record<InstanceStateName, InstanceStatus>> = {
  pending: 'pending',
  running: 'running',
  stopping: 'stopped',
  stopped: 'stopped',
  'shutting-down': 'terminated',
  terminated: 'terminated',
};

/** The EC2 state name of an instance (`pending` when EC2 left it out, which it does not). */
export function ec2State(instance: Ec2Instance): InstanceStateName {
  return instance.State?.Name ?? 'pending';
}

/** Whether the instance is terminated or on its way there. */
export function isGone(instance: Ec2Instance): boolean {
  return STATE_MAP[ec2State(instance)] === 'terminated';
}

/**
 * The contract's view of an EC2 instance. cpu, memory and GPUs are what Pitrix asked for (kept in
 * tags, since the chosen type may give more); an instance without those tags reports its type's
 * size. `volumeIds` are the attached data volumes: the root volume belongs to the instance.
 */
export function toInstance(instance: Ec2Instance, table: readonly InstanceTypeSize[]): Instance {
  const tags = tagRecord(instance.Tags);
  const typeSize = sizeOfType(instance.InstanceType, table);
  const amount = (tag: string, fallback: number | undefined) => (tags[tag] !== undefined ? Number(tags[tag]) : (fallback ?? 0));
  return {
    id: instance.InstanceId ?? '',
    clientToken: tags[TAG.clientToken] ?? instance.ClientToken ?? '',
    name: tags[TAG.name] ?? '',
    status: STATE_MAP[ec2State(instance)],
    privateIp: instance.PrivateIpAddress ?? '',
    networkId: instance.SubnetId ?? '',
    cpu: amount(TAG.cpu, typeSize?.cpu),
    memoryMiB: amount(TAG.memoryMiB, typeSize?.memoryMiB),
    gpu: amount(TAG.gpu, typeSize?.gpu),
    imageId: instance.ImageId ?? '',
    volumeIds: (instance.BlockDeviceMappings ?? [])
      .filter((mapping) => mapping.DeviceName !== instance.RootDeviceName && mapping.Ebs?.VolumeId)
      .map((mapping) => mapping.Ebs?.VolumeId as string),
    tags: callerTags(tags),
  };
}
