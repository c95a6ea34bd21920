/** A subnet of the fake's account. */
export interface FakeSubnet {
  readonly id: string;
  readonly vpcId: string;
  readonly zone: string;
  readonly cidr: string;
  readonly defaultForAz: boolean;
  readonly name?: string;
}

/** A VPC of the fake's account. */
export interface FakeVpc {
  readonly id: string;
  readonly region: string;
  readonly cidr: string;
  readonly isDefault: boolean;
}

/** An AMI the fake can boot. */
export interface FakeImage {
  readonly id: string;
  readonly region: string;
  readonly name: string;
  readonly ownerId: string;
  readonly isPublic: boolean;
}

/** The account every fake key belongs to. */
export const ACCOUNT_ID = '123456789012';
const AMAZON_OWNER = '137112412989';

/** Regions and their zones. `us-east-1` has a default VPC with a subnet per zone and one more VPC. */
export const REGIONS: Readonly<Record<string, readonly string[]>> = {
  'us-east-1': ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  'eu-west-1': ['eu-west-1a', 'eu-west-1b'],
};

/** The VPCs the account starts with. */
export const VPCS: readonly FakeVpc[] = [
  { id: 'vpc-0d1f00000000000a1', region: 'us-east-1', cidr: '172.31.0.0/16', isDefault: true },
  { id: 'vpc-0d1f00000000000b2', region: 'us-east-1', cidr: '10.20.0.0/16', isDefault: false },
  { id: 'vpc-0d1f00000000000c3', region: 'eu-west-1', cidr: '172.31.0.0/16', isDefault: true },
];

/** The subnets the account starts with (default subnets are /20s of the default VPC, as EC2 makes them). */
export const SUBNETS: readonly FakeSubnet[] = [
  { id: 'subnet-0a0000000000000a1', vpcId: 'vpc-0d1f00000000000a1', zone: 'us-east-1a', cidr: '172.31.0.0/20', defaultForAz: true },
  { id: 'subnet-0a0000000000000b1', vpcId: 'vpc-0d1f00000000000a1', zone: 'us-east-1b', cidr: '172.31.16.0/20', defaultForAz: true },
  { id: 'subnet-0a0000000000000c1', vpcId: 'vpc-0d1f00000000000a1', zone: 'us-east-1c', cidr: '172.31.32.0/20', defaultForAz: true },
  { id: 'subnet-0b0000000000000a2', vpcId: 'vpc-0d1f00000000000b2', zone: 'us-east-1a', cidr: '10.20.1.0/28', defaultForAz: false, name: 'apps-a' },
  { id: 'subnet-0b0000000000000b2', vpcId: 'vpc-0d1f00000000000b2', zone: 'us-east-1b', cidr: '10.20.2.0/24', defaultForAz: false, name: 'apps-b' },
  { id: 'subnet-0c0000000000000a3', vpcId: 'vpc-0d1f00000000000c3', zone: 'eu-west-1a', cidr: '172.31.0.0/20', defaultForAz: true },
];

/** AMIs: one owned by the account and one public Amazon image per region. */
export const IMAGES: readonly FakeImage[] = [
  { id: 'ami-0f00000000000aa01', region: 'us-east-1', name: 'pitrix-agent-base', ownerId: ACCOUNT_ID, isPublic: false },
  { id: 'ami-0f00000000000bb02', region: 'us-east-1', name: 'al2023-ami-2023.6-x86_64', ownerId: AMAZON_OWNER, isPublic: true },
  { id: 'ami-0f00000000000cc03', region: 'eu-west-1', name: 'pitrix-agent-base', ownerId: ACCOUNT_ID, isPublic: false },
];

/** Instance types the fake offers, with their vCPUs (what EC2's vCPU limits count). */
export const INSTANCE_TYPE_VCPUS: Readonly<Record<string, number>> = {
  't3.nano': 2,
  't3.micro': 2,
  't3.small': 2,
  't3.medium': 2,
  'm6i.large': 2,
  'm6i.xlarge': 4,
  'm6i.2xlarge': 8,
  'm6i.4xlarge': 16,
  'm6i.8xlarge': 32,
  'm6i.12xlarge': 48,
  'm6i.16xlarge': 64,
  'm6i.24xlarge': 96,
  'm6i.32xlarge': 128,
  'g4dn.xlarge': 4,
  'g4dn.2xlarge': 8,
  'g4dn.12xlarge': 48,
};
