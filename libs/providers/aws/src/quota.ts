import { DescribeAccountAttributesCommand } from '@aws-sdk/client-ec2';
import { quotaExceeded, shortfallsOf, type ResourceCheck, type ResourceDemand } from '@pitrix/provider-contract';
import { describeAllInstances, describeAllVolumes } from './describe.js';
import type { Ec2Api } from './ec2-api.js';
import { LIVE_STATES } from './instance-reader.js';
import { toInstance } from './instance-view.js';
import type { AwsRuntimeOptions } from './options.js';
import { TAG } from './tags.js';

const MANAGED = { Name: `tag:${TAG.managed}`, Values: ['true'] };

/**
 * What an aws runtime may still take. The runtime's `quota` option counts the managed instances
 * (pending to stopped) and volumes of its zone, in the sizes Pitrix asked for; the account's
 * `max-instances` attribute counts the managed instances running in the whole region, since EC2
 * limits running capacity per region. EC2 enforces its own limits as well (vCPU quotas, other
 * workloads of the account): those refusals come back as `RUNTIME.QUOTA_EXCEEDED` too.
 */
export class AwsQuota {
  constructor(
    private readonly ec2: Ec2Api,
    private readonly zone: string,
    private readonly options: AwsRuntimeOptions,
  ) {}

  /** Whether `demand` fits, with every resource that does not. */
  async check(demand: ResourceDemand): Promise<ResourceCheck> {
    const shortfalls = shortfallsOf(demand, await this.available());
    return { fits: shortfalls.length === 0, shortfalls };
  }

  /** Throws `RUNTIME.QUOTA_EXCEEDED`, listing the short resources, when `demand` does not fit. */
  async ensureFits(demand: ResourceDemand): Promise<void> {
    const { shortfalls } = await this.check(demand);
    if (shortfalls.length > 0) throw quotaExceeded(demand, shortfalls);
  }

  /** What is left of each resource (unlimited ones are `Infinity`). */
  async available(): Promise<ResourceDemand> {
    const [maxInstances, instances, volumes] = await Promise.all([this.maxInstances(), this.managedInstances(), this.managedVolumes()]);
    const inZone = instances.filter((instance) => instance.Placement?.AvailabilityZone === this.zone).map((i) => toInstance(i, this.options.instanceTypes));
    const runningInRegion = instances.filter((instance) => instance.State?.Name === 'pending' || instance.State?.Name === 'running').length;
    const left = (key: keyof ResourceDemand, used: number) => Math.max(0, (this.options.quota[key] ?? Infinity) - used);
    return {
      instances: Math.min(left('instances', inZone.length), Math.max(0, maxInstances - runningInRegion)),
      cpu: left('cpu', inZone.reduce((sum, i) => sum + i.cpu, 0)),
      memoryMiB: left('memoryMiB', inZone.reduce((sum, i) => sum + i.memoryMiB, 0)),
      volumes: left('volumes', volumes.length),
      volumeGiB: left('volumeGiB', volumes.reduce((sum, v) => sum + (v.Size ?? 0), 0)),
    };
  }

  private async maxInstances(): Promise<number> {
    // Asked for all attributes: the SDK's attribute-name enum lacks `max-instances`, which EC2 still returns.
    const { AccountAttributes = [] } = await this.ec2.call('DescribeAccountAttributes', (c) => c.send(new DescribeAccountAttributesCommand({})));
    const value = AccountAttributes.find((a) => a.AttributeName === 'max-instances')?.AttributeValues?.[0]?.AttributeValue;
    return value !== undefined && /^\d+$/.test(value) ? Number(value) : Infinity;
  }

  private managedInstances() {
    return describeAllInstances(this.ec2, [MANAGED, { Name: 'instance-state-name', Values: [...LIVE_STATES] }]);
  }

  private managedVolumes() {
    return describeAllVolumes(this.ec2, [MANAGED, { Name: 'availability-zone', Values: [this.zone] }, { Name: 'status', Values: ['creating', 'available', 'in-use'] }]);
  }
}
