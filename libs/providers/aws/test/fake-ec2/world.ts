import { randomBytes } from 'node:crypto';
import { SUBNETS, VPCS, type FakeSubnet } from './catalog.js';
import { Ec2Fault, idempotentMismatch, invalidValue } from './faults.js';
import type { FakeInstance, FakeNetworkInterface, FakeVolume } from './model.js';

/** How the fake behaves: its limits and how long EC2's asynchronous transitions take. */
export interface FakeSettings {
  /** Delay of each asynchronous transition (pending → running, creating → available, ...). */
  readonly transitionMs: number;
  /** The account's `max-instances` attribute; launching beyond it is `InstanceLimitExceeded`. */
  readonly maxInstances: number;
  /** The running On-Demand vCPU limit; launching beyond it is `VcpuLimitExceeded`. */
  readonly maxVcpus: number;
  /** How long terminated instances stay visible (EC2 keeps them for about an hour). */
  readonly terminatedRetentionMs: number;
  /** How long after RunInstances DescribeInstances still misses the new instance (eventual consistency). */
  readonly describeLagMs: number;
}

interface Timer {
  readonly at: number;
  readonly run: () => void;
}

interface TokenRecord {
  readonly fingerprint: string;
  readonly ids: readonly string[];
}

/**
 * Everything the fake account holds, in memory. EC2 finishes state changes asynchronously, so
 * each change schedules the next state; `tick` applies whatever is due before every request, which
 * makes the transitions observable in order without background timers.
 */
export class FakeWorld {
  readonly instances = new Map<string, FakeInstance>();
  readonly volumes = new Map<string, FakeVolume>();
  readonly interfaces = new Map<string, FakeNetworkInterface>();
  private readonly timers: Timer[] = [];
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly usedIps = new Map<string, Set<string>>();

  constructor(readonly settings: FakeSettings) {}

  /** Applies every transition that is due, in time order (a transition may schedule the next). */
  tick(now = Date.now()): void {
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const due = this.timers[0];
      if (!due || due.at > now) break;
      this.timers.shift();
      due.run();
    }
    for (const instance of this.instances.values()) {
      if (instance.terminatedAt !== undefined && now - instance.terminatedAt >= this.settings.terminatedRetentionMs) instance.purged = true;
    }
  }

  /** Runs `run` after `steps` transition delays (one by default). */
  later(run: () => void, steps = 1): void {
    this.timers.push({ at: Date.now() + steps * this.settings.transitionMs, run });
  }

  /** A new id with EC2's long format: prefix, dash, 17 hex digits. */
  newId(prefix: string): string {
    return `${prefix}-${randomBytes(9).toString('hex').slice(0, 17)}`;
  }

  /**
   * Client-token idempotency (EC2 "Ensuring idempotency"): the same token with the same parameters
   * returns the ids of the first call; with different parameters it is `IdempotentParameterMismatch`.
   * Tokens are scoped to the region and the action. Only successful calls record their token.
   */
  idempotent(scope: string, token: string | undefined, fingerprint: string, create: () => string[]): { ids: string[]; replayed: boolean } {
    if (token === undefined) return { ids: create(), replayed: false };
    if (token.length > 64) throw invalidValue('Client token must be at most 64 ASCII characters');
    const key = `${scope}/${token}`;
    const previous = this.tokens.get(key);
    if (previous && previous.fingerprint !== fingerprint) throw idempotentMismatch(token);
    if (previous) return { ids: [...previous.ids], replayed: true };
    const ids = create();
    this.tokens.set(key, { fingerprint, ids });
    return { ids, replayed: false };
  }

  /** The subnet with this id in the region (`InvalidSubnetID.NotFound` otherwise). */
  subnet(region: string, id: string): FakeSubnet {
    const subnet = SUBNETS.find((candidate) => candidate.id === id && this.regionOfVpc(candidate.vpcId) === region);
    if (!subnet) throw new Ec2Fault('InvalidSubnetID.NotFound', `No subnet with id ${id}`);
    return subnet;
  }

  /** The region a VPC lives in. */
  regionOfVpc(vpcId: string): string | undefined {
    return VPCS.find((vpc) => vpc.id === vpcId)?.region;
  }

  /**
   * The lowest free private address of a subnet. EC2 reserves the first four addresses and the last
   * one of every subnet; a full subnet is `InsufficientFreeAddressesInSubnet`.
   */
  allocateIp(subnet: FakeSubnet): string {
    const [base, size] = cidrRange(subnet.cidr);
    const used = this.usedIps.get(subnet.id) ?? new Set<string>();
    this.usedIps.set(subnet.id, used);
    for (let offset = 4; offset < size - 1; offset++) {
      const ip = intToIp(base + offset);
      if (!used.has(ip)) {
        used.add(ip);
        return ip;
      }
    }
    throw new Ec2Fault('InsufficientFreeAddressesInSubnet', `Subnet ${subnet.id} has no free address left`);
  }

  /** Gives an address back to its subnet. */
  releaseIp(subnetId: string, ip: string): void {
    this.usedIps.get(subnetId)?.delete(ip);
  }

  /** How many addresses of the subnet are still free (its `availableIpAddressCount`). */
  freeIps(subnet: FakeSubnet): number {
    return cidrRange(subnet.cidr)[1] - 5 - (this.usedIps.get(subnet.id)?.size ?? 0);
  }
}

function cidrRange(cidr: string): [number, number] {
  const [ip, bits] = cidr.split('/') as [string, string];
  const base = ip.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
  return [base, 2 ** (32 - Number(bits))];
}

function intToIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}
