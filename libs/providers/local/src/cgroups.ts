import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Which limits are really enforced on this machine, and why not when they are not. */
export interface LimitEnforcement {
  readonly cpu: boolean;
  readonly memory: boolean;
  readonly mechanism: 'cgroup-v1' | 'none';
  readonly reason?: string;
}

const V1 = { memory: '/sys/fs/cgroup/memory', cpu: '/sys/fs/cgroup/cpu' };
const V2 = '/sys/fs/cgroup/unified';
const PERIOD_US = 100_000;

/**
 * Applies an instance's cpu and memory limits with cgroups when the machine allows it (cgroup v1
 * memory + cpu controllers, or v2), so a process (and every child it starts) is really held to
 * its size; otherwise the size is only recorded and the returned enforcement says so.
 */
export class CgroupLimiter {
  private readonly enforcement: LimitEnforcement;

  constructor(private readonly group = 'pitrix') {
    this.enforcement = detect(group);
  }

  /** What this machine enforces. */
  describe(): LimitEnforcement {
    return this.enforcement;
  }

  /** Sets the limits of `instanceId` and moves `pid` into its cgroup. Best effort, never throws. */
  apply(instanceId: string, pid: number, limits: { cpu: number; memoryMiB: number }): LimitEnforcement {
    try {
      if (this.enforcement.mechanism === 'cgroup-v1') this.applyV1(instanceId, pid, limits);
      return this.enforcement;
    } catch (err) {
      return { cpu: false, memory: false, mechanism: 'none', reason: `cgroup write failed: ${(err as Error).message}` };
    }
  }

  /** Removes an instance's cgroups (after its processes are gone). */
  release(instanceId: string): void {
    for (const base of [V1.memory, V1.cpu]) {
      try {
        rmdirSync(join(base, this.group, instanceId));
      } catch {
        // Not there, or still busy with a dying process: the kernel frees it with the last process.
      }
    }
  }

  private applyV1(instanceId: string, pid: number, limits: { cpu: number; memoryMiB: number }): void {
    const memory = join(V1.memory, this.group, instanceId);
    const cpu = join(V1.cpu, this.group, instanceId);
    mkdirSync(memory, { recursive: true });
    mkdirSync(cpu, { recursive: true });
    writeFileSync(join(memory, 'memory.limit_in_bytes'), String(limits.memoryMiB * 1024 * 1024));
    writeFileSync(join(cpu, 'cpu.cfs_period_us'), String(PERIOD_US));
    writeFileSync(join(cpu, 'cpu.cfs_quota_us'), String(Math.max(1, limits.cpu) * PERIOD_US));
    // The agent's supervisor may already have started the agent: move its descendants too.
    for (const member of [pid, ...descendantsOf(pid)]) {
      writeFileSync(join(memory, 'cgroup.procs'), String(member));
      writeFileSync(join(cpu, 'cgroup.procs'), String(member));
    }
  }
}

function detect(group: string): LimitEnforcement {
  if (process.getuid?.() !== 0) return { cpu: false, memory: false, mechanism: 'none', reason: 'not running as root' };
  if (existsSync(join(V1.memory, 'memory.limit_in_bytes')) || existsSync(V1.memory)) {
    try {
      mkdirSync(join(V1.memory, group), { recursive: true });
      mkdirSync(join(V1.cpu, group), { recursive: true });
      return { cpu: true, memory: true, mechanism: 'cgroup-v1' };
    } catch (err) {
      return { cpu: false, memory: false, mechanism: 'none', reason: `cgroup v1 not writable: ${(err as Error).message}` };
    }
  }
  if (existsSync(join(V2, 'cgroup.controllers'))) {
    return { cpu: false, memory: false, mechanism: 'none', reason: 'cgroup v2 delegation is not set up for pitrix' };
  }
  return { cpu: false, memory: false, mechanism: 'none', reason: 'no cgroup controllers mounted' };
}

/** Every process below `pid`, from /proc (children of children included). */
function descendantsOf(pid: number): number[] {
  let children: number[];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendantsOf(child)]);
}
