/**
 * The runtime provider contract. Every method is idempotent, because Temporal runs activities at
 * least once: calls that create something take a client token (the id of the task making the
 * call) and a repeated call with the same token returns what the first one created; calls that
 * remove something succeed when it is already gone. Providers throw `PitrixError`s with `RUNTIME.*`
 * codes for bad input, quota and zone problems, and plain errors for transient failures (retried).
 */

import type { ProviderOptionField } from './option-fields.js';

/** The id of the task that makes a call; the same token always designates the same resource. */
export type ClientToken = string;

/** A decrypted credential, handed to a provider only inside an activity or a live API check. */
export interface CredentialContent {
  /** Provider API endpoint, when the provider has one (e.g. a regional EC2 endpoint). */
  readonly endpoint?: string;
  /** Provider-specific secret fields (access keys, kubeconfig, ...). Never logged. */
  readonly secret: Readonly<Record<string, string>>;
}

/** Where and with what a session runs: the runtime, its credential, zone and provider options. */
export interface ProviderContext {
  /**
   * The runtime the session acts for. What a provider keeps one of per runtime is keyed by it,
   * above all a network's frontgate address: each runtime runs its own frontgate, so two runtimes
   * placing clusters on one network get different frontgate hosts.
   */
  readonly runtimeId: string;
  readonly credential: CredentialContent | undefined;
  readonly zone: string;
  readonly options: Readonly<Record<string, unknown>>;
}

/** Result of a live credential check: valid, or why not (a stable reason and a message). */
export interface CredentialCheck {
  readonly valid: boolean;
  readonly reason?: 'AUTH_FAILED' | 'UNREACHABLE' | 'MALFORMED';
  readonly message?: string;
  /** The account or identity the credential acts as, when the provider can tell. */
  readonly identity?: string;
}

/** A zone a credential can deploy into. */
export interface Zone {
  readonly id: string;
  readonly name: string;
  readonly available: boolean;
}

/** What every provider has, whatever its runtimes run on: looked up by `name` in the registry. */
export interface ProviderBase {
  readonly name: string;
  /** Whether runtimes of this provider need a credential (the `local` one does not). */
  readonly requiresCredential: boolean;
  /** Every runtime option it accepts, described for forms; its options parser refuses any other key. */
  readonly optionFields: readonly ProviderOptionField[];
  /** Checks a credential against the live provider API. Never throws for a bad credential. */
  validateCredential(credential: CredentialContent | undefined, options: Readonly<Record<string, unknown>>): Promise<CredentialCheck>;
  /** Lists the zones the credential can use, live. */
  listZones(credential: CredentialContent | undefined, options: Readonly<Record<string, unknown>>): Promise<Zone[]>;
}

/**
 * What a machine provider does with a role's `container.image` (`RunInstanceRequest.containerImage`):
 * `ignored` when its instances run the role's software already on the machine (the `local`
 * provider's processes), `mapped` when it boots an image of its own chosen for the container image
 * (the `aws` provider's AMI from the runtime's `images` option).
 */
export type ContainerImageHandling = 'ignored' | 'mapped';

/** A provider whose runtimes run clusters on machines it provisions (VMs, local processes), each with a drone. */
export interface RuntimeProvider extends ProviderBase {
  readonly kind: 'machines';
  /** What it does with the container image of the role an instance is run for. */
  readonly containerImages: ContainerImageHandling;
  /** Opens a session in one zone; an unknown zone is `RUNTIME.ZONE_NOT_FOUND` naming it. */
  connect(context: ProviderContext): Promise<ProviderSession>;
}

/** Everything a session can do, as small capability interfaces. */
export interface ProviderSession extends InstanceApi, VolumeApi, NetworkApi, ImageApi, PlacementApi, QuotaApi {
  /** Releases connections held by the session. */
  close(): Promise<void>;
}

/** Lifecycle state of an instance as the provider sees it. */
export type InstanceStatus = 'pending' | 'running' | 'stopped' | 'terminated';

/** An instance (a VM, or on the `local` provider a process sandbox). */
export interface Instance {
  readonly id: string;
  readonly clientToken: ClientToken;
  readonly name: string;
  readonly status: InstanceStatus;
  readonly privateIp: string;
  readonly networkId: string;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly gpu: number;
  readonly imageId: string;
  readonly volumeIds: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

/** How an agent on the instance is started (docs/contracts.md §4); opaque to providers. */
export interface AgentBootstrap {
  readonly kind: 'frontgate' | 'drone';
  readonly env: Readonly<Record<string, string>>;
}

/** What to run: one instance per call, named by its client token. */
export interface RunInstanceRequest {
  readonly clientToken: ClientToken;
  readonly name: string;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly gpu?: number;
  readonly imageId?: string;
  /** The role's `container.image`; what the provider does with it is its `containerImages` capability. */
  readonly containerImage?: string;
  readonly networkId: string;
  readonly agent: AgentBootstrap;
  /** The caller's tags; keys with the `pitrix:` prefix are the provider's own (`INPUT.INVALID`). */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The instance, and whether this call created it (false on a repeated call). */
export interface RunInstanceResult {
  readonly instance: Instance;
  readonly created: boolean;
}

/** Which instances to describe: by id, by client token, or by tag (all given filters AND). */
export interface DescribeInstancesRequest {
  readonly instanceIds?: readonly string[];
  readonly clientTokens?: readonly ClientToken[];
  readonly tags?: Readonly<Record<string, string>>;
}

/** The instances found (terminated ones are omitted once gone). */
export interface DescribeInstancesResult {
  readonly instances: readonly Instance[];
}

/** The state an instance is in after a start, stop or resize. */
export interface InstanceStateResult {
  readonly instance: Instance;
}

/** Result of a terminate: `alreadyGone` when there was nothing left to terminate. */
export interface TerminateResult {
  readonly instanceId: string;
  readonly alreadyGone: boolean;
}

/** New size of an instance. */
export interface ResizeInstanceRequest {
  readonly instanceId: string;
  readonly cpu: number;
  readonly memoryMiB: number;
}

/** Instances: run, describe, start, stop, terminate, resize. */
export interface InstanceApi {
  runInstance(request: RunInstanceRequest): Promise<RunInstanceResult>;
  describeInstances(request: DescribeInstancesRequest): Promise<DescribeInstancesResult>;
  startInstance(instanceId: string): Promise<InstanceStateResult>;
  stopInstance(instanceId: string): Promise<InstanceStateResult>;
  terminateInstance(instanceId: string): Promise<TerminateResult>;
  resizeInstance(request: ResizeInstanceRequest): Promise<InstanceStateResult>;
}

/** A block volume. */
export interface Volume {
  readonly id: string;
  readonly clientToken: ClientToken;
  readonly sizeGiB: number;
  readonly status: 'available' | 'in-use';
  readonly attachedTo?: string;
  readonly mountPoint?: string;
}

/** A volume to create, named by its client token. */
export interface CreateVolumeRequest {
  readonly clientToken: ClientToken;
  readonly sizeGiB: number;
  readonly tags?: Readonly<Record<string, string>>;
}

/** The volume, and whether this call created it. */
export interface CreateVolumeResult {
  readonly volume: Volume;
  readonly created: boolean;
}

/** Attaching a volume to an instance at a mount point. */
export interface AttachVolumeRequest {
  readonly volumeId: string;
  readonly instanceId: string;
  readonly mountPoint: string;
}

/** The volume after an attach, detach or resize. */
export interface VolumeStateResult {
  readonly volume: Volume;
}

/** Result of a delete: `alreadyGone` when there was nothing left to delete. */
export interface DeleteVolumeResult {
  readonly volumeId: string;
  readonly alreadyGone: boolean;
}

/** Volumes: create, attach, detach, delete, resize. */
export interface VolumeApi {
  createVolume(request: CreateVolumeRequest): Promise<CreateVolumeResult>;
  attachVolume(request: AttachVolumeRequest): Promise<VolumeStateResult>;
  detachVolume(volumeId: string): Promise<VolumeStateResult>;
  deleteVolume(volumeId: string): Promise<DeleteVolumeResult>;
  resizeVolume(volumeId: string, sizeGiB: number): Promise<VolumeStateResult>;
}

/** A network (subnet/VPC) that instances land in; each has one frontgate. */
export interface Network {
  readonly id: string;
  readonly name: string;
  readonly cidr: string;
  readonly vpcId: string;
}

/** Networks: describe what exists. */
export interface NetworkApi {
  describeNetworks(): Promise<{ readonly networks: readonly Network[] }>;
}

/** A bootable image. */
export interface Image {
  readonly id: string;
  readonly name: string;
}

/** Images: describe what exists. */
export interface ImageApi {
  describeImages(): Promise<{ readonly images: readonly Image[] }>;
}

/** Where a cluster lands: its network and the address its frontgate listens on for drones. */
export interface Placement {
  readonly networkId: string;
  readonly vpcId: string;
  /** Host the frontgate's leaf server binds to, reachable from every instance of the network. */
  readonly frontgateHost: string;
}

/** Frontgate placement: which network a cluster lands in (the requested one or the default). */
export interface PlacementApi {
  placeCluster(request: { readonly networkId?: string }): Promise<Placement>;
  /**
   * Releases what placements keep for the session's runtime (its frontgate addresses in every
   * network), once the runtime is retired and its frontgates are gone. Idempotent: releasing what
   * is gone is not an error; a later `placeCluster` makes a fresh placement.
   */
  releasePlacements(): Promise<void>;
}

/** Resources an operation is about to take. */
export interface ResourceDemand {
  readonly instances: number;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly volumes: number;
  readonly volumeGiB: number;
}

/** A resource the zone lacks: how much is asked, how much is left. */
export interface Shortfall {
  readonly resource: keyof ResourceDemand;
  readonly requested: number;
  readonly available: number;
}

/** Whether the demand fits; `shortfalls` lists every resource that does not. */
export interface ResourceCheck {
  readonly fits: boolean;
  readonly shortfalls: readonly Shortfall[];
}

/** Quotas: whether a demand fits before anything is created. */
export interface QuotaApi {
  checkResources(demand: ResourceDemand): Promise<ResourceCheck>;
}
