import { DescribeSubnetsCommand, DescribeVpcsCommand, type Subnet } from '@aws-sdk/client-ec2';
import { PitrixError, type Problem } from '@pitrix/errors';
import type { Network } from '@pitrix/provider-contract';
import type { Ec2Api } from './ec2-api.js';
import type { AwsRuntimeOptions } from './options.js';
import { TAG, tagRecord } from './tags.js';

/**
 * The subnets an aws runtime may use in its zone: the `subnetIds` option (each must exist and lie
 * in the zone, or the options are invalid), or else every subnet of the default VPC in the zone.
 * Read once per session.
 */
export class AllowedSubnets {
  private cached?: Promise<Subnet[]>;

  constructor(
    private readonly ec2: Ec2Api,
    private readonly zone: string,
    private readonly options: AwsRuntimeOptions,
  ) {}

  /** The allowed subnets, in the order the options give them (or by CIDR for the default VPC). */
  all(): Promise<Subnet[]> {
    this.cached ??= this.load().catch((err: unknown) => {
      this.cached = undefined;
      throw err;
    });
    return this.cached;
  }

  /** The allowed subnet with this id; any other id is `RUNTIME.NETWORK_NOT_FOUND`. */
  async require(networkId: string): Promise<Subnet> {
    const subnets = await this.all();
    const subnet = subnets.find((candidate) => candidate.SubnetId === networkId);
    if (subnet) return subnet;
    throw new PitrixError('RUNTIME.NETWORK_NOT_FOUND', `Network ${JSON.stringify(networkId)} is not a subnet this runtime may use in ${this.zone}`, [
      { path: 'networkId', message: 'unknown network', expected: `one of ${subnets.map((s) => s.SubnetId).join(', ')}`, found: networkId },
    ]);
  }

  private async load(): Promise<Subnet[]> {
    return this.options.subnetIds ? this.configured(this.options.subnetIds) : this.ofDefaultVpc();
  }

  private async configured(ids: readonly string[]): Promise<Subnet[]> {
    const found = await this.describe([{ Name: 'subnet-id', Values: [...ids] }]);
    const problems: Problem[] = [];
    ids.forEach((id, index) => {
      const subnet = found.find((candidate) => candidate.SubnetId === id);
      if (!subnet) problems.push({ path: `options.subnetIds[${index}]`, message: 'no such subnet in the region', found: id });
      else if (subnet.AvailabilityZone !== this.zone) problems.push({ path: `options.subnetIds[${index}]`, message: `subnet is in ${subnet.AvailabilityZone}`, expected: `a subnet in ${this.zone}`, found: id });
    });
    if (problems.length > 0) throw new PitrixError('RUNTIME.OPTIONS_INVALID', `Subnets that an aws runtime in ${this.zone} cannot use`, problems);
    return ids.map((id) => found.find((subnet) => subnet.SubnetId === id) as Subnet);
  }

  private async ofDefaultVpc(): Promise<Subnet[]> {
    const { Vpcs = [] } = await this.ec2.call('DescribeVpcs', (c) => c.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] })));
    const vpcId = Vpcs[0]?.VpcId;
    const subnets = vpcId ? await this.describe([{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'availability-zone', Values: [this.zone] }]) : [];
    if (subnets.length === 0) {
      throw new PitrixError('RUNTIME.OPTIONS_INVALID', `The region has no default VPC subnet in ${this.zone}: name the subnets to use`, [
        { path: 'options.subnetIds', message: 'required without a default VPC subnet in the zone', expected: 'subnet ids' },
      ]);
    }
    return subnets.sort((a, b) => (a.CidrBlock ?? '').localeCompare(b.CidrBlock ?? '', undefined, { numeric: true }));
  }

  private async describe(Filters: { Name: string; Values: string[] }[]): Promise<Subnet[]> {
    const { Subnets = [] } = await this.ec2.call('DescribeSubnets', (c) => c.send(new DescribeSubnetsCommand({ Filters })));
    return Subnets;
  }
}

/** A subnet as the contract's `Network`: named by its `Name` tag when it has one. */
export function toNetwork(subnet: Subnet): Network {
  return {
    id: subnet.SubnetId ?? '',
    name: tagRecord(subnet.Tags)[TAG.name] ?? subnet.SubnetId ?? '',
    cidr: subnet.CidrBlock ?? '',
    vpcId: subnet.VpcId ?? '',
  };
}
