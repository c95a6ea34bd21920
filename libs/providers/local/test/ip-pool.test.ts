import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IpPool } from '../src/ip-pool.js';
import { StateStore } from '../src/state-store.js';

describe('private addresses of local instances', () => {
  const roots = Array.from({ length: 4 }, () => mkdtempSync(join(tmpdir(), 'pitrix-ip-pool-')));
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it('gives an owner the same address again, and different owners different addresses', () => {
    const pool = new IpPool(new StateStore(roots[0]!));
    const gateway = pool.allocate('gateway-net-default');
    expect(gateway).toMatch(/^127\.31\.\d+\.\d+$/);
    expect(pool.allocate('gateway-net-default')).toBe(gateway);
    expect(new Set(['a', 'b', 'c'].map((owner) => pool.allocate(owner))).size).toBe(3);
  });

  it('does not give the same owner the same address in two state folders (two installations on one machine)', () => {
    const addresses = roots.map((root) => new IpPool(new StateStore(root)).allocate('gateway-net-default'));
    expect(new Set(addresses).size).toBe(roots.length);
  });
});
