import { PitrixError } from '@pitrix/errors';
import type { StateStore } from './state-store.js';

/** The subnet of bridge `index`: 10.231.<index>.0/24, its gateway (the bridge itself) at .1. */
export function subnetOf(index: number): { readonly cidr: string; readonly gatewayIp: string; readonly prefixLength: number; readonly prefix: string } {
  const prefix = `10.231.${index}`;
  return { cidr: `${prefix}.0/24`, gatewayIp: `${prefix}.1`, prefixLength: 24, prefix };
}

/**
 * The addresses of one namespaced network, claimed on disk like every other record. The subnet
 * itself is leased machine-wide with its bridge, so claims in this state folder are enough.
 */
export class SubnetPool {
  constructor(
    private readonly store: StateStore,
    private readonly index: number,
  ) {}

  /** Claims a free address for instance `owner`; an owner that already has one gets it again. */
  allocate(owner: string): string {
    const existing = this.store.claimed('subnet-ip-owners', owner);
    if (existing) return existing;
    const { prefix, cidr } = subnetOf(this.index);
    for (let host = 2; host <= 254; host++) {
      const ip = `${prefix}.${host}`;
      if (!this.store.claim(owner, 'subnet-ips', ip)) continue;
      if (this.store.claim(ip, 'subnet-ip-owners', owner)) return ip;
      // The owner got one meanwhile (a concurrent call): keep that one.
      this.store.remove('subnet-ips', ip);
      return this.store.claimed('subnet-ip-owners', owner) as string;
    }
    throw new PitrixError('RUNTIME.QUOTA_EXCEEDED', `No private address left in network ${cidr} (253 instances)`);
  }

  /** Frees the address of `owner`. */
  release(owner: string): void {
    const ip = this.store.claimed('subnet-ip-owners', owner);
    if (ip) this.store.remove('subnet-ips', ip);
    this.store.remove('subnet-ip-owners', owner);
  }
}
