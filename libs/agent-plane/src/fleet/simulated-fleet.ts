import type { AgentCredentials } from '../credentials/agent-credentials.js';
import type { NodeIdentity } from '../bootstrap/agent-bootstrap.js';
import { SimulatedDrone, type SimulatedBehaviour } from './simulated-drone.js';

/** The drones of one frontgate in a fleet. */
export interface FleetNetwork {
  readonly frontgateId: string;
  /** Client URL of the frontgate's leaf server. */
  readonly url: string;
  readonly nodes: readonly NodeIdentity[];
}

/** How to start a fleet. */
export interface SimulatedFleetOptions {
  readonly credentials: AgentCredentials;
  readonly networks: readonly FleetNetwork[];
  /** What each command does (default: exits 0 at once). */
  readonly behaviour?: SimulatedBehaviour;
  /** 0 (default): no heartbeats. */
  readonly heartbeatIntervalMs?: number;
  /** How many drones register and connect at the same time (default 50). */
  readonly concurrency?: number;
  /** How long one drone may wait to be admitted by its frontgate (default 30 s). */
  readonly admitTimeoutMs?: number;
}

/**
 * Many drones in one process, each with its own credential registered with its frontgate and its
 * own connection to the frontgate's leaf server, answering the real protocol without running
 * anything. For benchmarks and scale tests of the platform side.
 */
export class SimulatedDroneFleet {
  private constructor(readonly drones: readonly SimulatedDrone[]) {}

  /**
   * Registers every drone, then connects them all (registering first lets each frontgate admit
   * the whole batch in one reload); resolves when all of them answer.
   */
  static async start(options: SimulatedFleetOptions): Promise<SimulatedDroneFleet> {
    const behaviour = options.behaviour ?? (() => ({ exitCode: 0 }));
    const jobs = options.networks.flatMap((network) => network.nodes.map((node) => ({ network, node, seed: '' })));
    const concurrency = options.concurrency ?? 50;
    await inParallel(jobs, concurrency, async (job) => {
      job.seed = await options.credentials.registerDrone(job.network.frontgateId, job.node);
    });
    const drones: SimulatedDrone[] = [];
    try {
      await inParallel(jobs, concurrency, async ({ network, node, seed }) => {
        const drone = await SimulatedDrone.start(
          { frontgateId: network.frontgateId, frontgateUrl: network.url, seed, node, behaviour, heartbeatIntervalMs: options.heartbeatIntervalMs ?? 0 },
          options.admitTimeoutMs ?? 30_000,
        );
        drones.push(drone);
      });
    } catch (err) {
      await Promise.all(drones.map((drone) => drone.stop().catch(() => undefined)));
      throw err;
    }
    return new SimulatedDroneFleet(drones);
  }

  /** How many commands the fleet actually ran (repeats of a known id are not counted). */
  get executions(): number {
    return this.drones.reduce((sum, drone) => sum + drone.executions, 0);
  }

  /** Disconnects every drone. */
  async stop(): Promise<void> {
    await Promise.all(this.drones.map((drone) => drone.stop().catch(() => undefined)));
  }
}

/** Runs `work` on every item, at most `concurrency` at a time. */
async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}
