import { CreateNetworkInterfaceCommand, DescribeNetworkInterfacesCommand, type NetworkInterface, type Subnet } from '@aws-sdk/client-ec2';
import { createHash } from 'node:crypto';
import type { Ec2Api } from './ec2-api.js';
import type { ProviderLog } from './log.js';
import { TAG, tagSpec } from './tags.js';

/**
 * The fixed address of a runtime's frontgate in a subnet. Drones must be told where their
 * frontgate listens before it runs, and a frontgate that is replaced must come back at the same
 * address. So each runtime gets one elastic network interface per subnet, created on first
 * placement and kept: EC2 picks a free address for it, and the frontgate instance is launched with
 * that interface as its primary one (`DeleteOnTermination` false), so terminating a frontgate
 * frees the address for the next one. Two runtimes on one subnet run two frontgates, so each has
 * its own interface.
 */
export class FrontgateAddresses {
  private readonly runtimeId: string;
  private readonly securityGroupIds: readonly string[];

  constructor(
    private readonly ec2: Ec2Api,
    owner: { readonly runtimeId: string; readonly securityGroupIds: readonly string[] },
    private readonly log: ProviderLog,
  ) {
    this.runtimeId = owner.runtimeId;
    this.securityGroupIds = owner.securityGroupIds;
  }

  /** The subnet's frontgate interface, created (idempotently, by client token) when missing. */
  async ensure(subnet: Subnet): Promise<NetworkInterface> {
    const existing = await this.find(subnet);
    if (existing) return existing;
    const subnetId = subnet.SubnetId as string;
    const key = this.key(subnetId);
    const { NetworkInterface: created } = await this.ec2.call('CreateNetworkInterface', (c) =>
      c.send(
        new CreateNetworkInterfaceCommand({
          SubnetId: subnetId,
          Groups: this.securityGroupIds.length > 0 ? [...this.securityGroupIds] : undefined,
          Description: `Pitrix frontgate address of runtime ${this.runtimeId} in ${subnetId}`,
          ClientToken: this.token(subnetId),
          TagSpecifications: [tagSpec('network-interface', { [TAG.name]: `pitrix-frontgate-${this.runtimeId}-${subnetId}`, [TAG.managed]: 'true', [TAG.frontgateAddress]: key })],
        }),
      ),
    );
    this.log(`CreateNetworkInterface ${created?.NetworkInterfaceId} for the frontgate of ${subnetId} at ${created?.PrivateIpAddress}`);
    return created as NetworkInterface;
  }

  private async find(subnet: Subnet): Promise<NetworkInterface | undefined> {
    const { NetworkInterfaces = [] } = await this.ec2.call('DescribeNetworkInterfaces', (c) =>
      c.send(
        new DescribeNetworkInterfacesCommand({
          Filters: [
            { Name: 'subnet-id', Values: [subnet.SubnetId as string] },
            { Name: `tag:${TAG.frontgateAddress}`, Values: [this.key(subnet.SubnetId as string)] },
          ],
        }),
      ),
    );
    return NetworkInterfaces[0];
  }

  /** What the interface is tagged with: whose frontgate, in which subnet. */
  private key(subnetId: string): string {
    return `${this.runtimeId}/${subnetId}`;
  }

  /** The token covers every parameter, so changed security groups never meet an old token. */
  private token(subnetId: string): string {
    const digest = createHash('sha256').update([this.runtimeId, subnetId, ...this.securityGroupIds].join(',')).digest('hex');
    return `pitrix-frontgate-${digest.slice(0, 40)}`;
  }
}
