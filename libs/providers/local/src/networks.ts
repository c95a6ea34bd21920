import { PitrixError } from '@pitrix/errors';
import type { Network, Placement } from '@pitrix/provider-contract';
import { AddressLeases } from './address-leases.js';
import { KeyedMutex } from './keyed-mutex.js';
import type { IpPool } from './ip-pool.js';
import { ensureBridge, namespaceSupport, removeBridge } from './netns.js';
import type { LocalRuntimeOptions } from './options.js';
import type { StateStore } from './state-store.js';
import { SubnetPool, subnetOf } from './subnet-pool.js';

/**
 * How a network's instances are wired:
 * - `namespaces`: each instance has its own network namespace with one interface on the
 *   network's Linux bridge, so its connections come from its private address and reach only its
 *   network (the frontgate listens on the bridge's gateway address);
 * - `loopback`: instances share the machine's network stack, each bound to its own alias in
 *   127.31.0.0/16; their outgoing connections come from 127.0.0.1.
 */
export type NetworkMode = 'namespaces' | 'loopback';

/** A local network of one runtime: a named group of instances sharing one frontgate. */
export interface NetworkRecord {
  readonly id: string;
  readonly name: string;
  readonly runtimeId: string;
  readonly mode: NetworkMode;
  /** Machine-wide index of the network's bridge and subnet (`namespaces` mode). */
  readonly bridgeIndex?: number;
  /** Address the frontgate binds to: the only host address a namespaced instance can reach. */
  readonly gatewayIp: string;
  readonly cidr: string;
}

const locks = new KeyedMutex();

/** Throws `RUNTIME.OPTIONS_INVALID` naming the reason when this machine cannot give instances namespaces (`isolateNetworks: true`). */
export async function requireNamespaces(): Promise<void> {
  const support = await namespaceSupport();
  if (support.ok) return;
  throw new PitrixError('RUNTIME.OPTIONS_INVALID', `Cannot isolate networks here: ${support.reason}`, [
    { path: 'options.isolateNetworks', message: support.reason ?? 'not possible here', expected: 'false (or unset) on this machine', found: true },
  ]);
}

/** Most networks in `namespaces` mode on one machine: one /24 of 10.231.0.0/16 each. */
const BRIDGE_INDEXES = 254;

/**
 * The networks a runtime declares. Each runtime has its own: two runtimes never share a
 * frontgate address, since each runs its own frontgate (its bridge in `namespaces` mode, its
 * gateway alias in `loopback` mode).
 */
export class Networks {
  constructor(
    private readonly store: StateStore,
    private readonly ips: IpPool,
    private readonly options: LocalRuntimeOptions,
    private readonly runtimeId: string,
    private readonly leases = new AddressLeases(),
  ) {}

  /** The network's id for a declared name (unique within the runtime). */
  idOf(name: string): string {
    return `net-${name}`;
  }

  /** Every declared network, created on first use. */
  async all(): Promise<NetworkRecord[]> {
    return Promise.all(this.options.networks.map((name) => this.ensure(name)));
  }

  /** The record of a network id; unknown ids are `RUNTIME.NETWORK_NOT_FOUND`. */
  async get(id: string): Promise<NetworkRecord> {
    const name = this.options.networks.find((candidate) => this.idOf(candidate) === id);
    if (!name) {
      throw new PitrixError('RUNTIME.NETWORK_NOT_FOUND', `Network ${JSON.stringify(id)} is not declared by this runtime`, [
        { path: 'networkId', message: 'unknown network', expected: `one of ${this.options.networks.map((n) => this.idOf(n)).join(', ')}`, found: id },
      ]);
    }
    return this.ensure(name);
  }

  /**
   * Releases every network this runtime created: its bridge (with any namespace still plugged in)
   * and the bridge's machine-wide lease, or its loopback gateway address; then the records. A
   * later placement creates the network afresh.
   */
  async releaseAll(): Promise<void> {
    for (const file of this.store.list('networks', this.runtimeId)) {
      const record = this.store.read<NetworkRecord>('networks', this.runtimeId, file);
      if (!record) continue;
      await locks.run(this.store.path('networks', this.runtimeId, record.id), async () => {
        if (record.mode === 'namespaces') await this.releaseBridge(`${this.runtimeId}/${record.id}`, record.bridgeIndex as number);
        else this.ips.release(`gateway-${this.runtimeId}-${record.id}`);
        this.store.remove('networks', this.runtimeId, file);
      });
    }
    this.store.remove('networks', this.runtimeId);
  }

  private async releaseBridge(key: string, index: number): Promise<void> {
    await removeBridge(index);
    this.leases.release(`bridge-${index}`, this.store.root);
    this.store.remove('bridge-index-owners', encodeURIComponent(key));
    this.store.remove('bridge-indexes', String(index));
  }

  /** The record of a network as created, without setting anything up (undefined when never created). */
  recorded(id: string): NetworkRecord | undefined {
    return this.store.read<NetworkRecord>('networks', this.runtimeId, `${id}.json`);
  }

  /** Where a cluster lands: the requested network, or the first declared one. */
  async place(networkId: string | undefined): Promise<Placement> {
    const network = networkId ? await this.get(networkId) : await this.ensure(this.options.networks[0] as string);
    return { networkId: network.id, vpcId: network.id, frontgateHost: network.gatewayIp };
  }

  /** As the provider contract describes a network. */
  toNetwork(record: NetworkRecord): Network {
    return { id: record.id, name: record.name, cidr: record.cidr, vpcId: record.id };
  }

  /**
   * A private address for instance `owner` of `network`: from the network's subnet when the
   * instance gets its own namespace, else a loopback alias (simulated drones have no namespace).
   */
  allocateAddress(network: NetworkRecord, owner: string, options: { readonly namespaced: boolean }): string {
    if (network.mode === 'namespaces' && options.namespaced) return this.subnet(network).allocate(owner);
    return this.ips.allocate(owner);
  }

  /** Frees the address of instance `owner`, whichever pool it came from. */
  releaseAddress(network: NetworkRecord | undefined, owner: string): void {
    if (network?.mode === 'namespaces') this.subnet(network).release(owner);
    this.ips.release(owner);
  }

  private subnet(network: NetworkRecord): SubnetPool {
    return new SubnetPool(this.store, network.bridgeIndex as number);
  }

  /** One creation at a time per network in this process (two jobs may place their clusters at once). */
  private ensure(name: string): Promise<NetworkRecord> {
    return locks.run(this.store.path('networks', this.runtimeId, this.idOf(name)), () => this.ensureUnlocked(name));
  }

  private async ensureUnlocked(name: string): Promise<NetworkRecord> {
    const id = this.idOf(name);
    const existing = this.recorded(id);
    if (existing) {
      // A reboot drops bridges; setting one up again is idempotent.
      if (existing.mode === 'namespaces') await ensureBridge(existing.bridgeIndex as number, existing.gatewayIp, 24);
      return existing;
    }
    const record = (await this.modeFor()) === 'namespaces' ? await this.namespaced(id, name) : this.loopback(id, name);
    this.store.write(record, 'networks', this.runtimeId, `${id}.json`);
    return record;
  }

  /** `isolateNetworks` unset: namespaces where this machine allows them; true: required; false: loopback. */
  private async modeFor(): Promise<NetworkMode> {
    if (this.options.isolateNetworks === false) return 'loopback';
    if ((await namespaceSupport()).ok) return 'namespaces';
    if (this.options.isolateNetworks === undefined) return 'loopback';
    return requireNamespaces().then(() => 'namespaces');
  }

  private loopback(id: string, name: string): NetworkRecord {
    const gatewayIp = this.ips.allocate(`gateway-${this.runtimeId}-${id}`);
    return { id, name, runtimeId: this.runtimeId, mode: 'loopback', gatewayIp, cidr: '127.31.0.0/16' };
  }

  private async namespaced(id: string, name: string): Promise<NetworkRecord> {
    const { index, fresh } = this.claimBridgeIndex(`${this.runtimeId}/${id}`);
    // A bridge found under a newly claimed index was left by a state folder that is gone; its
    // instances' namespaces go with it.
    if (fresh) await removeBridge(index);
    const subnet = subnetOf(index);
    await ensureBridge(index, subnet.gatewayIp, subnet.prefixLength);
    return { id, name, runtimeId: this.runtimeId, mode: 'namespaces', bridgeIndex: index, gatewayIp: subnet.gatewayIp, cidr: subnet.cidr };
  }

  /**
   * A bridge index for network `key`, claimed in this state folder and leased machine-wide (a
   * bridge and its subnet exist once per machine, whichever installation made them).
   */
  private claimBridgeIndex(key: string): { index: number; fresh: boolean } {
    const owned = this.store.claimed('bridge-index-owners', encodeURIComponent(key));
    if (owned) return { index: Number(owned), fresh: false };
    for (let index = 1; index <= BRIDGE_INDEXES; index++) {
      if (!this.store.claim(key, 'bridge-indexes', String(index))) continue;
      if (!this.leases.acquire(`bridge-${index}`, this.store.root, this.store.path('bridge-indexes', String(index)))) {
        this.store.remove('bridge-indexes', String(index));
        continue;
      }
      if (!this.store.claim(String(index), 'bridge-index-owners', encodeURIComponent(key))) {
        // Another process of this installation claimed one for the same network first.
        this.leases.release(`bridge-${index}`, this.store.root);
        this.store.remove('bridge-indexes', String(index));
        return { index: Number(this.store.claimed('bridge-index-owners', encodeURIComponent(key))), fresh: false };
      }
      return { index, fresh: true };
    }
    throw new PitrixError('RUNTIME.QUOTA_EXCEEDED', `No network left on this machine (${BRIDGE_INDEXES} bridges in 10.231.0.0/16)`);
  }
}
