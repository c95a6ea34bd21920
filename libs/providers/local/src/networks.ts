import { PitrixError } from '@pitrix/errors';
import type { Network, Placement } from '@pitrix/provider-contract';
import type { IpPool } from './ip-pool.js';
import { canIsolate, createNamespace, ensureNamespace } from './netns.js';
import type { LocalRuntimeOptions } from './options.js';
import type { StateStore } from './state-store.js';

/** A local network: a named group of instances sharing one frontgate (and, isolated, a namespace). */
export interface NetworkRecord {
  readonly id: string;
  readonly name: string;
  readonly index: number;
  readonly isolated: boolean;
  /** Namespace the network's drones run in, when isolated. */
  readonly namespace?: string;
  /** Address the frontgate binds to: the only host address an isolated network can reach. */
  readonly gatewayIp: string;
  readonly cidr: string;
}

/** Creates and looks up the networks a runtime declares. */
export class Networks {
  constructor(
    private readonly store: StateStore,
    private readonly ips: IpPool,
    private readonly options: LocalRuntimeOptions,
  ) {}

  /** The network's id for a declared name (isolated networks are distinct from shared ones). */
  idOf(name: string): string {
    return this.options.isolateNetworks ? `net-${name}-iso` : `net-${name}`;
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

  /** Where a cluster lands: the requested network, or the first declared one. */
  async place(networkId: string | undefined): Promise<Placement> {
    const network = networkId ? await this.get(networkId) : await this.ensure(this.options.networks[0] as string);
    return { networkId: network.id, vpcId: network.id, frontgateHost: network.gatewayIp };
  }

  /** As the provider contract describes a network. */
  toNetwork(record: NetworkRecord): Network {
    return { id: record.id, name: record.name, cidr: record.cidr, vpcId: record.id };
  }

  private async ensure(name: string): Promise<NetworkRecord> {
    const id = this.idOf(name);
    const existing = this.store.read<NetworkRecord>('networks', `${id}.json`);
    if (existing) {
      // A reboot drops namespaces; recreating is idempotent.
      if (existing.isolated) await ensureNamespace(existing.index);
      return existing;
    }
    const record = this.options.isolateNetworks ? await this.isolated(id, name) : this.shared(id, name, this.claimIndex(id));
    this.store.write(record, 'networks', `${id}.json`);
    return record;
  }

  private shared(id: string, name: string, index: number): NetworkRecord {
    return { id, name, index, isolated: false, gatewayIp: this.ips.allocate(`gateway-${id}`), cidr: '127.31.0.0/16' };
  }

  private async isolated(id: string, name: string): Promise<NetworkRecord> {
    const allowed = await canIsolate();
    if (!allowed.ok) {
      throw new PitrixError('RUNTIME.OPTIONS_INVALID', `Cannot isolate network ${name}: ${allowed.reason}`, [
        { path: 'options.isolateNetworks', message: allowed.reason ?? 'not possible here', expected: 'false on this machine', found: true },
      ]);
    }
    const namespace = await createNamespace();
    const index = namespace.index;
    return { id, name, index, isolated: true, namespace: namespace.name, gatewayIp: namespace.hostIp, cidr: `10.231.${index}.0/24` };
  }

  private claimIndex(id: string): number {
    const owned = this.store.claimed('network-index-owners', id);
    if (owned) return Number(owned);
    for (let index = 1; index < 250; index++) {
      if (this.store.claim(id, 'network-indexes', String(index))) {
        this.store.claim(String(index), 'network-index-owners', id);
        return Number(this.store.claimed('network-index-owners', id));
      }
    }
    throw new PitrixError('RUNTIME.QUOTA_EXCEEDED', 'No network index left on this machine (249 networks)');
  }
}
