import { DeleteNetworkInterfaceCommand, type NetworkInterface } from '@aws-sdk/client-ec2';
import { PitrixError } from '@pitrix/errors';
import { describeAllInstances, describeAllInterfaces } from './describe.js';
import type { Ec2Api } from './ec2-api.js';
import { hasEc2Code } from './ec2-errors.js';
import { frontgateKey } from './frontgate-address.js';
import { LIVE_STATES } from './instance-reader.js';
import type { ProviderLog } from './log.js';
import { literal, TAG, tagRecord } from './tags.js';
import { waitUntil, type WaitTiming } from './wait.js';

/** An interface still attached to an instance, and that instance's EC2 state (`terminated` once EC2 no longer shows it). */
interface Holder {
  readonly eni: NetworkInterface;
  readonly instanceId: string;
  readonly state: string;
}

/**
 * Deletes a retired runtime's frontgate addresses (`PlacementApi.releasePlacements`): every
 * interface tagged `pitrix:frontgate-address` = `<runtimeId>/<its own subnet>` in the session's
 * zone, not only in the subnets the options allow today. The zone is the runtime's only one, and
 * the provider touches nothing outside it; the allowed subnets are not, since a subnet dropped from
 * `subnetIds` since its placement (or options that no longer validate) would otherwise keep an
 * interface, and an address, for good.
 */
export class FrontgateRelease {
  constructor(
    private readonly ec2: Ec2Api,
    private readonly owner: { readonly runtimeId: string; readonly zone: string },
    private readonly timing: WaitTiming,
    private readonly log: ProviderLog,
  ) {}

  /**
   * An interface attached to a live instance (a frontgate still there, even stopped) is
   * `RUNTIME.INVALID_STATE` naming both, and nothing is deleted. One attached to an instance that
   * is terminating is waited for (EC2 detaches it at termination), so a release right after a
   * terminate that did not wait still succeeds. Deleting an interface already gone is fine.
   */
  async release(): Promise<void> {
    const interfaces = await this.interfaces();
    const holders = await this.holders(interfaces);
    const live = holders.filter((holder) => (LIVE_STATES as readonly string[]).includes(holder.state));
    if (live.length > 0) throw inUse(this.owner.runtimeId, live);
    for (const eni of interfaces) {
      const holder = holders.find((candidate) => candidate.eni === eni);
      if (holder) await this.waitDetached(holder);
      await this.delete(eni);
    }
  }

  private async interfaces(): Promise<NetworkInterface[]> {
    const { runtimeId, zone } = this.owner;
    const found = await describeAllInterfaces(this.ec2, [
      { Name: `tag:${TAG.managed}`, Values: ['true'] },
      { Name: 'availability-zone', Values: [zone] },
      { Name: `tag:${TAG.frontgateAddress}`, Values: [`${literal(runtimeId)}/*`] },
    ]);
    // The wildcard would also match a runtime whose id extends this one past a slash.
    return found.filter((eni) => tagRecord(eni.TagSet)[TAG.frontgateAddress] === frontgateKey(runtimeId, eni.SubnetId ?? ''));
  }

  private async holders(interfaces: readonly NetworkInterface[]): Promise<Holder[]> {
    const attached = interfaces.filter(attachedTo);
    if (attached.length === 0) return [];
    // A filter, not `InstanceId.N`: an instance EC2 no longer shows must not fail the call.
    const instances = await describeAllInstances(this.ec2, [{ Name: 'instance-id', Values: attached.map((eni) => attachedTo(eni) as string) }]);
    return attached.map((eni) => {
      const instanceId = attachedTo(eni) as string;
      const instance = instances.find((candidate) => candidate.InstanceId === instanceId);
      return { eni, instanceId, state: instance?.State?.Name ?? 'terminated' };
    });
  }

  private async waitDetached({ eni, instanceId }: Holder): Promise<void> {
    const id = eni.NetworkInterfaceId as string;
    const read = async () => (await describeAllInterfaces(this.ec2, [{ Name: 'network-interface-id', Values: [id] }]))[0];
    await waitUntil(`frontgate address ${id} to be detached from ${instanceId}`, this.timing, read, (found) => !found || !attachedTo(found));
  }

  private async delete(eni: NetworkInterface): Promise<void> {
    const id = eni.NetworkInterfaceId as string;
    try {
      await this.ec2.call('DeleteNetworkInterface', (c) => c.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: id })));
    } catch (err) {
      // Gone already (a concurrent release): what a release wants. It stays a plain error for other
      // calls, where EC2's eventual consistency can report a fresh interface as not found yet.
      if (hasEc2Code(err, 'InvalidNetworkInterfaceID.NotFound')) return;
      throw err;
    }
    this.log(`DeleteNetworkInterface ${id}: the frontgate address ${eni.PrivateIpAddress} of runtime ${this.owner.runtimeId} in ${eni.SubnetId}`);
  }
}

/** The instance an interface is attached to (or being attached to, or detached from), if any. */
function attachedTo(eni: NetworkInterface): string | undefined {
  const attachment = eni.Attachment;
  return attachment?.InstanceId && attachment.Status !== 'detached' ? attachment.InstanceId : undefined;
}

function inUse(runtimeId: string, holders: readonly Holder[]): PitrixError {
  const which = holders.map(({ eni, instanceId, state }) => `${eni.NetworkInterfaceId} (${eni.PrivateIpAddress} in ${eni.SubnetId}) is attached to instance ${instanceId}, ${state}`);
  return new PitrixError('RUNTIME.INVALID_STATE', `Cannot release the frontgate addresses of runtime ${runtimeId}: ${which.join('; ')}. Terminate its frontgates first.`);
}
