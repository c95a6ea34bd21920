import type {
  AttachVolumeRequest,
  CreateVolumeRequest,
  DescribeInstancesRequest,
  Placement,
  ProviderSession,
  ResizeInstanceRequest,
  ResourceCheck,
  ResourceDemand,
  RunInstanceRequest,
} from '@pitrix/provider-contract';
import { CgroupLimiter } from './cgroups.js';
import { DroneSimulator } from './drone-simulator.js';
import { LOCAL_IMAGE } from './instance-record.js';
import { LocalInstances } from './instances.js';
import { IpPool } from './ip-pool.js';
import { Networks } from './networks.js';
import type { LocalProviderConfig, LocalRuntimeOptions } from './options.js';
import { StateStore } from './state-store.js';
import { Usage } from './usage.js';
import { LocalVolumes } from './volumes.js';

const limiter = new CgroupLimiter();

/** A session on this machine for one zone of one local runtime (`runtimeId`). */
export class LocalSession implements ProviderSession {
  private readonly instances: LocalInstances;
  private readonly volumes: LocalVolumes;
  private readonly networks: Networks;
  private readonly usage: Usage;

  constructor(config: LocalProviderConfig, options: LocalRuntimeOptions, zone: string, runtimeId: string) {
    const store = new StateStore(config.root);
    this.networks = new Networks(store, new IpPool(store), options, runtimeId);
    const instances: { current?: LocalInstances } = {};
    this.usage = new Usage(options.quota, () => instances.current?.all() ?? [], () => this.volumes.all());
    this.volumes = new LocalVolumes(store, zone, this.usage);
    this.instances = new LocalInstances({ store, config, options, zone, networks: this.networks, limiter, usage: this.usage, volumes: this.volumes, simulator: new DroneSimulator(config) });
    instances.current = this.instances;
  }

  runInstance = (request: RunInstanceRequest) => this.instances.runInstance(request);
  describeInstances = (request: DescribeInstancesRequest) => this.instances.describeInstances(request);
  startInstance = (instanceId: string) => this.instances.startInstance(instanceId);
  stopInstance = (instanceId: string) => this.instances.stopInstance(instanceId);
  terminateInstance = (instanceId: string) => this.instances.terminateInstance(instanceId);
  resizeInstance = (request: ResizeInstanceRequest) => this.instances.resizeInstance(request);

  createVolume = (request: CreateVolumeRequest) => this.volumes.createVolume(request);
  attachVolume = (request: AttachVolumeRequest) => this.volumes.attachVolume(request);
  detachVolume = (volumeId: string) => this.volumes.detachVolume(volumeId);
  deleteVolume = (volumeId: string) => this.volumes.deleteVolume(volumeId);
  resizeVolume = (volumeId: string, sizeGiB: number) => this.volumes.resizeVolume(volumeId, sizeGiB);

  async describeNetworks() {
    return { networks: (await this.networks.all()).map((record) => this.networks.toNetwork(record)) };
  }

  async describeImages() {
    return { images: [LOCAL_IMAGE] };
  }

  placeCluster(request: { readonly networkId?: string }): Promise<Placement> {
    return this.networks.place(request.networkId);
  }

  releasePlacements(): Promise<void> {
    return this.networks.releaseAll();
  }

  async checkResources(demand: ResourceDemand): Promise<ResourceCheck> {
    const shortfalls = this.usage.shortfalls(demand);
    return { fits: shortfalls.length === 0, shortfalls };
  }

  async close(): Promise<void> {
    // Nothing is held open: every call reads and writes the records on disk.
  }
}

/** What this machine enforces of an instance's cpu and memory size. */
export function limitEnforcement() {
  return limiter.describe();
}
