import { PitrixError } from '@pitrix/errors';
import { declaredOptionKeys, type ProviderOptionField, type ResourceDemand } from '@pitrix/provider-contract';
import { DEFAULT_INSTANCE_TYPES, type InstanceTypeSize } from './instance-types.js';
import { FieldReader } from './option-fields.js';

/** Per-runtime options of an `aws` runtime (stored on the runtime, validated here). */
export interface AwsRuntimeOptions {
  /** EC2 region; defaults to the region of the runtime's zone. */
  readonly region?: string;
  /** Subnets the runtime may use; by default every subnet of the default VPC in the zone. */
  readonly subnetIds?: readonly string[];
  /** The AMI that boots the agents. Required to open a session. */
  readonly imageId?: string;
  /** AMIs by container image name: a role's `container.image` found here boots that AMI instead of `imageId`. */
  readonly images: ReadonlyMap<string, string>;
  /** Instance types to choose from; the built-in general-purpose table by default. */
  readonly instanceTypes: readonly InstanceTypeSize[];
  /** Security groups of every instance (and of the frontgate address); the VPC default when empty. */
  readonly securityGroupIds: readonly string[];
  /** EC2 key pair for SSH access, when wanted. */
  readonly keyName?: string;
  /** http(s) URL of the Pitrix agent bundle; without it the image must already hold the agent. */
  readonly agentPackageUrl?: string;
  /** Limits this runtime keeps to, on top of the account's `max-instances`; unset ones are unlimited. */
  readonly quota: Partial<ResourceDemand>;
}

const AMI_ID = /^ami-[0-9a-f]{8,17}$/;
const AMI_EXPECTED = 'an AMI id such as ami-0123456789abcdef0';

const QUOTA_KEYS: ReadonlyArray<keyof ResourceDemand> = ['instances', 'cpu', 'memoryMiB', 'volumes', 'volumeGiB'];
const QUOTA_UNITS: Readonly<Record<keyof ResourceDemand, [label: string, what: string]>> = {
  instances: ['Quota: instances', 'instances'],
  cpu: ['Quota: vCPUs', 'vCPUs'],
  memoryMiB: ['Quota: memory (MiB)', 'MiB of memory'],
  volumes: ['Quota: volumes', 'EBS volumes'],
  volumeGiB: ['Quota: volume size (GiB)', 'GiB of EBS volumes'],
};

/** The built-in instance types as the `instanceTypes` option writes them. */
const DEFAULT_INSTANCE_TYPE_TABLE = Object.fromEntries(DEFAULT_INSTANCE_TYPES.map(({ type, cpu, memoryMiB, gpu }) => [type, { cpu, memoryMiB, gpu }]));

/** The options an `aws` runtime accepts, for forms; `parseAwsOptions` refuses every other key. */
export const AWS_OPTION_FIELDS: readonly ProviderOptionField[] = [
  { key: 'imageId', label: 'Agent image (AMI)', type: 'string', required: true, description: 'The AMI that boots the agents, such as ami-0123456789abcdef0.' },
  {
    key: 'images',
    label: 'AMIs by container image',
    type: 'json',
    required: false,
    default: {},
    description:
      'The AMI each container image boots, as { "redis:7.0": "ami-0123456789abcdef0" }: a role whose container.image is listed boots that AMI, which must hold the agent like the agent image. A container image not listed boots the agent image (imageId).',
  },
  { key: 'region', label: 'Region', type: 'string', required: false, description: 'EC2 region such as us-east-1. Unset: the region of the runtime\'s zone.' },
  { key: 'subnetIds', label: 'Subnets', type: 'string-list', required: false, description: 'Subnet ids the runtime may use (subnet-…). Unset: every subnet of the default VPC in the zone.' },
  { key: 'securityGroupIds', label: 'Security groups', type: 'string-list', required: false, description: 'Security group ids (sg-…) of every instance and of the frontgate address. Unset: the VPC\'s default group.' },
  { key: 'keyName', label: 'SSH key pair', type: 'string', required: false, description: 'Name of an EC2 key pair for SSH access to the instances. Unset: no SSH key.' },
  { key: 'agentPackageUrl', label: 'Agent bundle URL', type: 'string', required: false, description: 'http(s) URL of the Pitrix agent bundle. Unset: the image must already hold the agent.' },
  {
    key: 'instanceTypes',
    label: 'Instance types',
    type: 'json',
    required: false,
    default: DEFAULT_INSTANCE_TYPE_TABLE,
    description: 'Instance types to choose from, as { "m6i.large": { "cpu": 2, "memoryMiB": 8192, "gpu": 0 } }. The default is the built-in general-purpose table.',
  },
  ...QUOTA_KEYS.map((resource): ProviderOptionField => ({
    key: `quota.${resource}`,
    label: QUOTA_UNITS[resource][0],
    type: 'number',
    required: false,
    description: `How many ${QUOTA_UNITS[resource][1]} this runtime may use in all (a whole number >= 0), on top of the account's limits. Unset: unlimited.`,
  })),
];

const KNOWN = declaredOptionKeys(AWS_OPTION_FIELDS);

/**
 * Validates an aws runtime's options and reports every bad field with its path; unknown keys are
 * refused. `imageRequired` is false where no instance is started (credential checks, zone lists).
 */
export function parseAwsOptions(raw: Readonly<Record<string, unknown>>, { imageRequired = true }: { imageRequired?: boolean } = {}): AwsRuntimeOptions {
  const read = new FieldReader(raw);
  const options: AwsRuntimeOptions = {
    region: read.string('region', /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+$/, 'an AWS region such as us-east-1'),
    subnetIds: read.ids('subnetIds', /^subnet-[0-9a-f]{8,17}$/, 'subnet ids such as subnet-0123456789abcdef0'),
    imageId: read.string('imageId', AMI_ID, AMI_EXPECTED),
    images: new Map(read.object('images', (name, ami, path) => imageEntry(read, name, ami, path))),
    instanceTypes: read.object('instanceTypes', (type, size, path) => instanceType(read, type, size, path)) ?? DEFAULT_INSTANCE_TYPES,
    securityGroupIds: read.ids('securityGroupIds', /^sg-[0-9a-f]{8,17}$/, 'security group ids such as sg-0123456789abcdef0') ?? [],
    keyName: read.string('keyName', /^[\x20-\x7e]{1,255}$/, 'the name of an EC2 key pair'),
    agentPackageUrl: read.string('agentPackageUrl', /^https?:\/\/[^\s'"\\]+$/, 'an http(s) URL of the agent bundle'),
    quota: Object.fromEntries(read.object('quota', (key, amount, path) => quotaEntry(read, key, amount, path)) ?? []),
  };
  if (imageRequired && raw.imageId === undefined) read.problems.push({ path: 'options.imageId', message: 'required', expected: 'the AMI that boots the agents' });
  if (options.instanceTypes.length === 0) read.problems.push({ path: 'options.instanceTypes', message: 'must name at least one type' });
  read.refuseUnknown(KNOWN);
  if (read.problems.length > 0) throw new PitrixError('RUNTIME.OPTIONS_INVALID', 'Invalid options for an aws runtime', read.problems);
  return options;
}

function instanceType(read: FieldReader, type: string, size: unknown, path: string): InstanceTypeSize | undefined {
  if (!/^[a-z][a-z0-9-]*\.[a-z0-9-]+$/.test(type)) {
    read.problems.push({ path, message: 'not an instance type name', expected: 'e.g. m6i.large', found: type });
    return undefined;
  }
  if (typeof size !== 'object' || size === null) {
    read.problems.push({ path, message: 'must be { cpu, memoryMiB, gpu? }', found: size });
    return undefined;
  }
  const { cpu, memoryMiB, gpu = 0, ...rest } = size as Record<string, unknown>;
  for (const key of Object.keys(rest)) read.problems.push({ path: `${path}.${key}`, message: 'unknown field', expected: 'cpu, memoryMiB, gpu', found: key });
  const parsed = { cpu: read.wholeNumber(cpu, `${path}.cpu`, 1), memoryMiB: read.wholeNumber(memoryMiB, `${path}.memoryMiB`, 1), gpu: read.wholeNumber(gpu, `${path}.gpu`, 0) };
  if (parsed.cpu === undefined || parsed.memoryMiB === undefined || parsed.gpu === undefined) return undefined;
  return { type, cpu: parsed.cpu, memoryMiB: parsed.memoryMiB, gpu: parsed.gpu };
}

function imageEntry(read: FieldReader, name: string, ami: unknown, path: string): [string, string] | undefined {
  if (name.trim() === '') {
    read.problems.push({ path, message: 'must name a container image', expected: 'a container image such as redis:7.0', found: name });
    return undefined;
  }
  if (typeof ami !== 'string' || !AMI_ID.test(ami)) {
    read.problems.push({ path, message: 'invalid value', expected: AMI_EXPECTED, found: ami });
    return undefined;
  }
  return [name, ami];
}

function quotaEntry(read: FieldReader, key: string, amount: unknown, path: string): [keyof ResourceDemand, number] | undefined {
  if (!(QUOTA_KEYS as readonly string[]).includes(key)) {
    read.problems.push({ path, message: 'unknown quota', expected: QUOTA_KEYS.join(', '), found: key });
    return undefined;
  }
  const value = read.wholeNumber(amount, path, 0);
  return value === undefined ? undefined : [key as keyof ResourceDemand, value];
}
