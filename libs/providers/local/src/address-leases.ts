import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateStore } from './state-store.js';

/** The folder every Pitrix installation on this machine leases its local addresses in. */
export const MACHINE_ADDRESS_LEASES = join(tmpdir(), 'pitrix-local-addresses');

/**
 * Leases of private addresses across every installation on this machine (a dev stack, test files
 * running side by side), each of which keeps its own claims in its own state folder. Two of them
 * must never hand out one address: their servers would collide on its ports, or a drone of one
 * would dial the frontgate of the other. A lease names the state folder that holds it; a lease
 * whose folder no longer claims the address (deleted, or a run killed before releasing) is stale
 * and may be taken over.
 */
export class AddressLeases {
  private readonly store: StateStore;

  constructor(private readonly folder: string = MACHINE_ADDRESS_LEASES) {
    try {
      mkdirSync(folder);
      // Sticky and world-writable like /tmp: every user may lease, nobody may take another's live lease.
      chmodSync(folder, 0o1777);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    this.store = new StateStore(folder);
  }

  /**
   * Leases `ip` to the state folder `root` (whose claim of it is `claimFile`); false when another
   * installation holds it.
   */
  acquire(ip: string, root: string, claimFile: string): boolean {
    const lease = join(this.folder, ip);
    for (let attempt = 0; attempt < 3; attempt++) {
      if (this.store.claim(JSON.stringify({ root, claimFile }), ip)) return true;
      const holder = readLease(lease);
      if (holder === 'gone') continue;
      if (holder === 'unreadable') return false;
      if (holder.root === root) return true;
      if (existsSync(holder.claimFile)) return false;
      // Stale: move it aside (only one taker succeeds), check that what moved is the stale lease
      // (not one a quicker taker just wrote), then lease afresh.
      const aside = `${lease}.stale.${process.pid}`;
      try {
        renameSync(lease, aside);
      } catch {
        return false;
      }
      const moved = readLease(aside);
      if (typeof moved === 'object' && moved.root === holder.root) {
        rmSync(aside, { force: true });
        continue;
      }
      renameSync(aside, lease);
      return false;
    }
    return false;
  }

  /** Ends the lease of `ip` if `root` holds it. */
  release(ip: string, root: string): void {
    const lease = join(this.folder, ip);
    const holder = readLease(lease);
    if (typeof holder === 'object' && holder.root === root) rmSync(lease, { force: true });
  }
}

/**
 * A lease's holder; 'unreadable' when it cannot be read as one (caught between create and write,
 * or another user's), which counts as held.
 */
function readLease(file: string): { root: string; claimFile: string } | 'gone' | 'unreadable' {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { root: string; claimFile: string };
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable';
  }
}
