import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AddressLeases } from '../src/address-leases.js';
import { IpPool, searchStart } from '../src/ip-pool.js';
import { StateStore } from '../src/state-store.js';

const indexOf = (ip: string) => {
  const [, , high, low] = ip.split('.').map(Number);
  return high! * 256 + low!;
};

/** An owner name whose search in `root` starts exactly at `ip`, so the two searches meet there. */
function ownerStartingAt(root: string, ip: string): string {
  for (let i = 0; ; i++) if (searchStart(root, `owner-${i}`) === indexOf(ip)) return `owner-${i}`;
}

describe('private addresses of local instances', () => {
  const made: string[] = [];
  const folder = () => {
    const path = mkdtempSync(join(tmpdir(), 'pitrix-ip-pool-'));
    made.push(path);
    return path;
  };
  afterAll(() => made.forEach((path) => rmSync(path, { recursive: true, force: true })));

  it('gives an owner the same address again, and different owners different addresses', () => {
    const pool = new IpPool(new StateStore(folder()), new AddressLeases(folder()));
    const gateway = pool.allocate('gateway-net-default');
    expect(gateway).toMatch(/^127\.31\.\d+\.\d+$/);
    expect(pool.allocate('gateway-net-default')).toBe(gateway);
    expect(new Set(['a', 'b', 'c'].map((owner) => pool.allocate(owner))).size).toBe(3);
  });

  it('does not give the same owner the same address in two state folders (two installations on one machine)', () => {
    const leases = new AddressLeases(folder());
    const addresses = Array.from({ length: 4 }, () => new IpPool(new StateStore(folder()), leases).allocate('gateway-net-default'));
    expect(new Set(addresses).size).toBe(addresses.length);
  });

  it('skips an address another installation holds, even where its own search starts', () => {
    const leases = new AddressLeases(folder());
    const held = new IpPool(new StateStore(folder()), leases).allocate('frontgate');
    const otherRoot = folder();
    const other = new IpPool(new StateStore(otherRoot), leases).allocate(ownerStartingAt(otherRoot, held));
    expect(other).not.toBe(held);
    const next = indexOf(held) % 256 >= 254 ? indexOf(held) + (257 - (indexOf(held) % 256)) : indexOf(held) + 1;
    expect(indexOf(other)).toBe(next);
  });

  it('hands the address over once its holder releases it, or once the holder’s state folder is gone', () => {
    const leases = new AddressLeases(folder());
    const firstRoot = folder();
    const first = new IpPool(new StateStore(firstRoot), leases);
    const released = first.allocate('drone-1');
    first.release('drone-1');
    const secondRoot = folder();
    expect(new IpPool(new StateStore(secondRoot), leases).allocate(ownerStartingAt(secondRoot, released))).toBe(released);

    const abandoned = new IpPool(new StateStore(firstRoot), leases).allocate('drone-2');
    rmSync(firstRoot, { recursive: true, force: true });
    const thirdRoot = folder();
    expect(new IpPool(new StateStore(thirdRoot), leases).allocate(ownerStartingAt(thirdRoot, abandoned))).toBe(abandoned);
  });
});
