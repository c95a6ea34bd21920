import { PitrixError } from '@pitrix/errors';
import { AddressLeases } from './address-leases.js';
import type { StateStore } from './state-store.js';

/** The block private addresses come from: 127.31.0.0/16, every address routed to the loopback. */
const PREFIX = '127.31';
const FIRST = 2;
const LAST = 256 * 256 - 2;

/**
 * Hands out distinct private addresses, claimed on disk so two workers (or a restarted one) never
 * give the same address twice. Servers of different clusters bind to different addresses and so
 * never collide on ports. Two installations on one machine (a dev stack and a test run, or two
 * tests) keep their claims in different state folders, so an address is also leased machine-wide;
 * where an owner's search starts depends on the state folder too, so that owners named alike in
 * both (every runtime's `gateway-net-default`) do not even start from one address.
 */
export class IpPool {
  constructor(
    private readonly store: StateStore,
    private readonly leases = new AddressLeases(),
  ) {}

  /** Claims a free address for `owner`; an owner that already has one gets it again. */
  allocate(owner: string): string {
    const existing = this.store.claimed('ip-owners', owner);
    if (existing) {
      // Claims recorded before leases existed get theirs now; a lease held already is a no-op.
      this.leases.acquire(existing, this.store.root, this.store.path('ips', existing));
      return existing;
    }
    const start = searchStart(this.store.root, owner);
    for (let i = 0; i < LAST - FIRST; i++) {
      const index = FIRST + ((start - FIRST + i) % (LAST - FIRST));
      const ip = `${PREFIX}.${Math.floor(index / 256)}.${index % 256}`;
      if (ip.endsWith('.0') || ip.endsWith('.255')) continue;
      if (!this.store.claim(owner, 'ips', ip)) continue;
      if (!this.leases.acquire(ip, this.store.root, this.store.path('ips', ip))) {
        this.store.remove('ips', ip);
        continue;
      }
      this.store.claim(ip, 'ip-owners', owner);
      return this.store.claimed('ip-owners', owner) ?? ip;
    }
    throw new PitrixError('RUNTIME.QUOTA_EXCEEDED', 'No private address left in 127.31.0.0/16');
  }

  /** Frees the address of `owner`. */
  release(owner: string): void {
    const ip = this.store.claimed('ip-owners', owner);
    if (ip) {
      this.leases.release(ip, this.store.root);
      this.store.remove('ips', ip);
    }
    this.store.remove('ip-owners', owner);
  }
}

/** The index an owner's search for a free address starts from in the state folder `root`. */
export function searchStart(root: string, owner: string): number {
  return FIRST + (hash(`${root}\n${owner}`) % (LAST - FIRST));
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}
