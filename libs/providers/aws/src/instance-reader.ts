import type { Filter, Instance as Ec2Instance, InstanceStateName } from '@aws-sdk/client-ec2';
import { instanceNotFound, invalidState } from '@pitrix/provider-contract';
import { ec2ClientToken } from './client-token.js';
import { describeAllInstances } from './describe.js';
import type { Ec2Api } from './ec2-api.js';
import { ec2State, isGone } from './instance-view.js';
import { literal, TAG } from './tags.js';
import { waitUntil, type WaitTiming } from './wait.js';

/** States of instances that still exist for the contract (terminated and shutting-down are gone). */
export const LIVE_STATES: readonly InstanceStateName[] = ['pending', 'running', 'stopping', 'stopped'];

/**
 * Reads the instances of one zone that Pitrix manages (tag `pitrix:managed`): instances of other
 * zones or not made by Pitrix are invisible, so a session can never stop or terminate them.
 * Lookups use filters, never `InstanceId.N`, because a filter on an unknown id returns nothing
 * while an unknown id in `InstanceId.N` fails the whole call.
 */
export class InstanceReader {
  constructor(
    private readonly ec2: Ec2Api,
    private readonly zone: string,
    private readonly timing: WaitTiming,
  ) {}

  /** Every managed instance of the zone that passes `filters`, across result pages. */
  async find(filters: readonly Filter[]): Promise<Ec2Instance[]> {
    return describeAllInstances(this.ec2, [{ Name: `tag:${TAG.managed}`, Values: ['true'] }, { Name: 'availability-zone', Values: [this.zone] }, ...filters]);
  }

  /** The instance with this id, in any state (terminated ones while EC2 still shows them). */
  async byId(instanceId: string): Promise<Ec2Instance | undefined> {
    return (await this.find([{ Name: 'instance-id', Values: [instanceId] }]))[0];
  }

  /** The instance a client token created, in any state; a live one is preferred. */
  async byToken(token: string): Promise<Ec2Instance | undefined> {
    const found = await this.find([{ Name: 'client-token', Values: [literal(ec2ClientToken(token))] }]);
    return found.find((instance) => !isGone(instance)) ?? found[0];
  }

  /** The live instance with this id: unknown is `RUNTIME.INSTANCE_NOT_FOUND`, terminated is `RUNTIME.INVALID_STATE`. */
  async require(instanceId: string, action: string): Promise<Ec2Instance> {
    const instance = await this.byId(instanceId);
    if (!instance) throw instanceNotFound(instanceId);
    if (isGone(instance)) throw invalidState(`instance ${instanceId}`, ec2State(instance), action);
    return instance;
  }

  /**
   * Polls the instance until its EC2 state is one of `states`. EC2 is eventually consistent: an
   * instance just launched may not show up yet, so "not found" means "keep polling" here.
   */
  async waitFor(instanceId: string, states: readonly InstanceStateName[]): Promise<Ec2Instance> {
    const instance = await waitUntil(
      `instance ${instanceId} to be ${states.join(' or ')}`,
      this.timing,
      () => this.byId(instanceId),
      (found) => found !== undefined && states.includes(ec2State(found)),
    );
    return instance as Ec2Instance;
  }

  /** Polls until the instance is terminated, or no longer shown at all (EC2 drops terminated instances after a while). */
  async waitGone(instanceId: string): Promise<void> {
    await waitUntil(`instance ${instanceId} to be terminated`, this.timing, () => this.byId(instanceId), (found) => found === undefined || ec2State(found) === 'terminated');
  }
}
