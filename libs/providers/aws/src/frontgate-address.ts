import { CreateNetworkInterfaceCommand, DescribeNetworkInterfacesCommand, type NetworkInterface, type Subnet } from '@aws-sdk/client-ec2';
import { createHash } from 'node:crypto';
import type { Ec2Api } from './ec2-api.js';
import type { ProviderLog } from './log.js';
import { TAG, tagSpec } from './tags.js';

/**
 * The fixed address of a subnet's frontgate. Drones must be told where their frontgate listens
 * before it runs, and a frontgate that is replaced must come back at the same address. So each
 * subnet gets one elastic network interface, created on first placement and kept: EC2 picks a free
 * address for it, and the frontgate instance is launched with that interface as its primary one
 * (`DeleteOnTermination` false), so terminating a frontgate frees the address for the next one.
 */
export class FrontgateAddresses {
  constructor(
    private readonly ec2: Ec2Api,
    private readonly securityGroupIds: readonly string[],
    private readonly log: ProviderLog,
  ) {}

  /** The subnet's frontgate interface, created (idempotently, by client token) when missing. */
  async ensure(subnet: Subnet): Promise<NetworkInterface> {
    const existing = await this.find(subnet);
    if (existing) return existing;
    const subnetId = subnet.SubnetId as string;
    const { NetworkInterface: created } = await this.ec2.call('CreateNetworkInterface', (c) =>
      c.send(
        new CreateNetworkInterfaceCommand({
          SubnetId: subnetId,
          Groups: this.securityGroupIds.length > 0 ? [...this.securityGroupIds] : undefined,
          Description: `Pitrix frontgate address of ${subnetId}`,
          ClientToken: this.token(subnetId),
          TagSpecifications: [tagSpec('network-interface', { [TAG.name]: `pitrix-frontgate-${subnetId}`, [TAG.managed]: 'true', [TAG.frontgateAddress]: subnetId })],
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
            { Name: `tag:${TAG.frontgateAddress}`, Values: [subnet.SubnetId as string] },
          ],
        }),
      ),
    );
    return NetworkInterfaces[0];
  }

  /** The token covers every parameter, so changed security groups never meet an old token. */
  private token(subnetId: string): string {
    const digest = createHash('sha256').update([subnetId, ...this.securityGroupIds].join(',')).digest('hex');
    return `pitrix-frontgate-${digest.slice(0, 40)}`;
  }
}
