import { SimulatedDrone } from '@pitrix/agent-plane';
import { loadDroneConfig } from '@pitrix/config';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One drone as the local provider lists it: the environment a real drone would get. */
interface DroneSpec {
  readonly env: Record<string, string>;
  readonly commandMs: number;
}

/** Where the simulator reports what it does. */
export interface SimulatorLog {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * Runs one simulated drone per spec file in `dronesDir` and disconnects a drone whose file is
 * gone. Each drone validates its environment as a real drone does, registers nothing itself (the
 * platform registered its key) and answers every command with exit code 0 after `commandMs`.
 */
export class DroneSimulatorHost {
  private readonly running = new Map<string, Promise<SimulatedDrone | undefined>>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dronesDir: string,
    private readonly log: SimulatorLog,
  ) {}

  /** Starts following the folder. */
  start(scanIntervalMs = 200): void {
    this.scan();
    this.timer = setInterval(() => this.scan(), scanIntervalMs);
  }

  /** How many drones are connected or connecting. */
  get size(): number {
    return this.running.size;
  }

  /** Disconnects every drone. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    const drones = await Promise.all(this.running.values());
    this.running.clear();
    await Promise.all(drones.map((drone) => drone?.stop().catch(() => undefined)));
  }

  private scan(): void {
    const listed = new Set(existsSync(this.dronesDir) ? readdirSync(this.dronesDir).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)) : []);
    for (const id of listed) if (!this.running.has(id)) this.running.set(id, this.connect(id));
    for (const [id, drone] of this.running) {
      if (listed.has(id)) continue;
      this.running.delete(id);
      void drone.then((connected) => connected?.stop()).then(() => this.log.info(`disconnected the drone of instance ${id}`));
    }
  }

  private async connect(instanceId: string): Promise<SimulatedDrone | undefined> {
    try {
      const spec = JSON.parse(readFileSync(join(this.dronesDir, `${instanceId}.json`), 'utf8')) as DroneSpec;
      const { agent, drone } = loadDroneConfig(spec.env);
      const simulated = await SimulatedDrone.start(
        {
          frontgateId: agent.frontgateId,
          frontgateUrl: drone.frontgateUrl,
          seed: drone.seed,
          node: { clusterId: drone.clusterId, nodeId: drone.nodeId, role: drone.role, serverId: drone.serverId, groupId: drone.groupId },
          behaviour: () => ({ exitCode: 0, stdout: `simulated on ${drone.nodeId}\n`, workMs: spec.commandMs }),
          heartbeatIntervalMs: drone.heartbeatIntervalMs,
        },
        5 * 60_000,
      );
      // Removed while it was connecting: nobody else will stop it.
      if (!this.running.has(instanceId)) {
        await simulated.stop();
        return undefined;
      }
      this.log.info(`connected the drone of instance ${instanceId} (node ${drone.nodeId})`);
      return simulated;
    } catch (err) {
      this.log.warn(`cannot simulate the drone of instance ${instanceId}: ${(err as Error).message}`);
      this.running.delete(instanceId);
      return undefined;
    }
  }
}
