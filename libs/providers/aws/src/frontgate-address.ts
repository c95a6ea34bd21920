import { CreateNetworkInterfaceCommand, DescribeNetworkInterfacesCommand, type NetworkInterface, type Subnet } from '@aws-sdk/client-ec2';
import { createHash } from 'node:crypto';
import type { Ec2Api } from './ec2-api.js';
import { hasEc2Code } from './ec2-errors.js';
import type { ProviderLog } from './log.js';
import { literal, TAG, tagSpec } from './tags.js';

/**
 * The fixed address of a runtime's frontgate in a subnet. Drones must be told where their
 * frontgate listens before it runs, and a frontgate that is replaced must come back at the same
 * address. So each runtime gets one elastic network interface per subnet, created on first
 * placement and kept: EC2 picks a free address for it, and the frontgate instance is launched with
 * that interface as its primary one (`DeleteOnTermination` false), so terminating a frontgate
 * frees the address for the next one. Two runtimes on one subnet run two frontgates, so each has
 * its own interface. `FrontgateRelease` deletes them when the runtime is retired.
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

  /**
   * The subnet's frontgate interface, created (idempotently, by client token) when missing. EC2
   * remembers a token after its interface is deleted and creates nothing for it again, so once a
   * release has deleted the interface of one token, the next placement moves on to the token of
   * the next generation: callers that race still agree on the first generation that is not spent.
   */
  async ensure(subnet: Subnet): Promise<NetworkInterface> {
    const existing = await this.find(subnet);
    if (existing) return existing;
    const subnetId = subnet.SubnetId as string;
    for (let generation = 0; generation < MAX_GENERATIONS; generation++) {
      const created = await this.create(subnetId, generation);
      if (created) return created;
    }
    throw new Error(`The first ${MAX_GENERATIONS} frontgate address tokens of runtime ${this.runtimeId} in ${subnetId} are all spent`);
  }

  /** The interface created with this generation's token; undefined when a release deleted it. */
  private async create(subnetId: string, generation: number): Promise<NetworkInterface | undefined> {
    try {
      const { NetworkInterface: created } = await this.ec2.call('CreateNetworkInterface', (c) =>
        c.send(
          new CreateNetworkInterfaceCommand({
            SubnetId: subnetId,
            Groups: this.securityGroupIds.length > 0 ? [...this.securityGroupIds] : undefined,
            Description: `Pitrix frontgate address of runtime ${this.runtimeId} in ${subnetId}`,
            ClientToken: this.token(subnetId, generation),
            TagSpecifications: [tagSpec('network-interface', { [TAG.name]: `pitrix-frontgate-${this.runtimeId}-${subnetId}`, [TAG.managed]: 'true', [TAG.frontgateAddress]: frontgateKey(this.runtimeId, subnetId) })],
          }),
        ),
      );
      this.log(`CreateNetworkInterface ${created?.NetworkInterfaceId} for the frontgate of ${subnetId} at ${created?.PrivateIpAddress}`);
      return created as NetworkInterface;
    } catch (err) {
      // The token's interface was deleted since (by a release, or by hand): this token is spent.
      if (hasEc2Code(err, 'InvalidNetworkInterfaceID.NotFound')) return undefined;
      throw err;
    }
  }

  private async find(subnet: Subnet): Promise<NetworkInterface | undefined> {
    const { NetworkInterfaces = [] } = await this.ec2.call('DescribeNetworkInterfaces', (c) =>
      c.send(
        new DescribeNetworkInterfacesCommand({
          Filters: [
            { Name: 'subnet-id', Values: [subnet.SubnetId as string] },
            { Name: `tag:${TAG.frontgateAddress}`, Values: [literal(frontgateKey(this.runtimeId, subnet.SubnetId as string))] },
          ],
        }),
      ),
    );
    return NetworkInterfaces[0];
  }

  /**
   * The token covers every parameter, so changed security groups never meet an old token.
   * Generation 0 is the token interfaces were created with before releases existed.
   */
  private token(subnetId: string, generation: number): string {
    const digest = createHash('sha256').update([this.runtimeId, subnetId, ...this.securityGroupIds].join(',')).digest('hex');
    const token = `pitrix-frontgate-${digest.slice(0, 40)}`;
    return generation === 0 ? token : `${token}-${generation}`;
  }
}

/**
 * A runtime is released when it is retired, so a runtime and subnet with this many releases
 * behind them is a bug (a loop placing and releasing), not a history worth more EC2 calls.
 */
const MAX_GENERATIONS = 100;

/** The `pitrix:frontgate-address` tag of a runtime's frontgate interface in a subnet: whose frontgate, where. */
export function frontgateKey(runtimeId: string, subnetId: string): string {
  return `${runtimeId}/${subnetId}`;
}
