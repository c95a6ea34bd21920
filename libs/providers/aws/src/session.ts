import type {
  AttachVolumeRequest,
  CreateVolumeRequest,
  DescribeInstancesRequest,
  Placement,
  ProviderSession,
  ResizeInstanceRequest,
  ResourceDemand,
  RunInstanceRequest,
} from '@pitrix/provider-contract';
import type { Ec2Api } from './ec2-api.js';
import { FrontgateAddresses } from './frontgate-address.js';
import { FrontgateRelease } from './frontgate-release.js';
import { describeImages } from './images.js';
import { AwsInstanceLifecycle } from './instance-lifecycle.js';
import { InstanceReader } from './instance-reader.js';
import { AwsInstances } from './instances.js';
import type { ProviderLog } from './log.js';
import { AllowedSubnets, toNetwork } from './networks.js';
import type { AwsRuntimeOptions } from './options.js';
import { AwsQuota } from './quota.js';
import type { SessionDeps } from './session-deps.js';
import { VolumeReader } from './volume-reader.js';
import { AwsVolumes } from './volumes.js';
import type { WaitTiming } from './wait.js';

/** A session in one zone of one aws runtime (`runtimeId`), over one EC2 client. */
export class AwsSession implements ProviderSession {
  private readonly deps: SessionDeps;
  private readonly instances: AwsInstances;
  private readonly lifecycle: AwsInstanceLifecycle;
  private readonly volumeOps: AwsVolumes;
  private readonly release: FrontgateRelease;

  constructor(ec2: Ec2Api, { runtimeId, zone }: { readonly runtimeId: string; readonly zone: string }, options: AwsRuntimeOptions, timing: WaitTiming, log: ProviderLog) {
    this.deps = {
      ec2,
      zone,
      options,
      timing,
      log,
      reader: new InstanceReader(ec2, zone, timing),
      volumes: new VolumeReader(ec2, zone, timing),
      subnets: new AllowedSubnets(ec2, zone, options),
      frontgates: new FrontgateAddresses(ec2, { runtimeId, securityGroupIds: options.securityGroupIds }, log),
      quota: new AwsQuota(ec2, zone, options),
    };
    this.instances = new AwsInstances(this.deps);
    this.lifecycle = new AwsInstanceLifecycle(this.deps);
    this.volumeOps = new AwsVolumes(this.deps);
    this.release = new FrontgateRelease(ec2, { runtimeId, zone }, timing, log);
  }

  runInstance = (request: RunInstanceRequest) => this.instances.runInstance(request);
  describeInstances = (request: DescribeInstancesRequest) => this.instances.describeInstances(request);
  startInstance = (instanceId: string) => this.lifecycle.startInstance(instanceId);
  stopInstance = (instanceId: string) => this.lifecycle.stopInstance(instanceId);
  terminateInstance = (instanceId: string) => this.lifecycle.terminateInstance(instanceId);
  resizeInstance = (request: ResizeInstanceRequest) => this.lifecycle.resizeInstance(request);

  createVolume = (request: CreateVolumeRequest) => this.volumeOps.createVolume(request);
  attachVolume = (request: AttachVolumeRequest) => this.volumeOps.attachVolume(request);
  detachVolume = (volumeId: string) => this.volumeOps.detachVolume(volumeId);
  deleteVolume = (volumeId: string) => this.volumeOps.deleteVolume(volumeId);
  resizeVolume = (volumeId: string, sizeGiB: number) => this.volumeOps.resizeVolume(volumeId, sizeGiB);

  async describeNetworks() {
    return { networks: (await this.deps.subnets.all()).map(toNetwork) };
  }

  async describeImages() {
    return { images: await describeImages(this.deps.ec2, this.deps.options.imageId) };
  }

  /**
   * The requested subnet (it must be allowed) or the first allowed one. The frontgate host is the
   * address of the subnet's frontgate interface, which exists from this call on; the frontgate
   * instance is later launched on that interface (see frontgate-address.ts).
   */
  async placeCluster(request: { readonly networkId?: string }): Promise<Placement> {
    const subnet = request.networkId ? await this.deps.subnets.require(request.networkId) : (await this.deps.subnets.all())[0];
    if (!subnet) throw new Error('No subnet is allowed'); // unreachable: the allowed list is never empty
    const address = await this.deps.frontgates.ensure(subnet);
    return { networkId: subnet.SubnetId as string, vpcId: subnet.VpcId as string, frontgateHost: address.PrivateIpAddress as string };
  }

  /**
   * Deletes the runtime's frontgate interfaces in its zone (see frontgate-release.ts); a frontgate
   * still using one is `RUNTIME.INVALID_STATE`. A later placement creates a new interface.
   */
  releasePlacements = () => this.release.release();

  checkResources = (demand: ResourceDemand) => this.deps.quota.check(demand);

  async close(): Promise<void> {
    this.deps.ec2.close();
  }
}
