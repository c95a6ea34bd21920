import { PitrixError } from '@pitrix/errors';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { supervised } from './agent-process.js';
import { KeyedMutex } from './keyed-mutex.js';
import type { LocalProviderConfig } from './options.js';
import { isRunning, startDetached, type ProcessHandle } from './processes.js';

/** What the simulator reads for one drone: the drone's environment and how long its commands take. */
export interface SimulatedDroneSpec {
  readonly env: Readonly<Record<string, string>>;
  readonly commandMs: number;
}

/** Files shared with the simulator process (docs/contracts.md: the drone simulator). */
export function simulatorPaths(root: string) {
  const dir = join(root, 'simulator');
  return { dir, drones: join(dir, 'drones'), host: join(dir, 'host.json'), log: join(dir, 'simulator.log') };
}

const hostLock = new KeyedMutex();

/**
 * The local provider's side of the drone simulator: one process per provider root runs every
 * simulated drone. A drone is one spec file in its folder (the simulator connects a drone for
 * each file and disconnects it when the file goes), so simulated drones, like real ones, outlive
 * the worker that started them.
 */
export class DroneSimulator {
  private readonly paths: ReturnType<typeof simulatorPaths>;

  constructor(private readonly config: LocalProviderConfig) {
    this.paths = simulatorPaths(config.root);
  }

  /** Adds (or replaces) a drone and makes sure the simulator runs. */
  async add(instanceId: string, spec: SimulatedDroneSpec): Promise<void> {
    mkdirSync(this.paths.drones, { recursive: true, mode: 0o700 });
    const file = join(this.paths.drones, `${instanceId}.json`);
    // The spec holds the drone's seed: written privately, renamed into place whole.
    writeFileSync(`${file}.tmp`, JSON.stringify(spec), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
    await this.ensureRunning();
  }

  /** True when the drone is listed and the simulator runs. */
  has(instanceId: string): boolean {
    return existsSync(join(this.paths.drones, `${instanceId}.json`)) && isRunning(this.host());
  }

  /** Removes a drone; the simulator disconnects it. */
  remove(instanceId: string): void {
    rmSync(join(this.paths.drones, `${instanceId}.json`), { force: true });
  }

  private host(): ProcessHandle | undefined {
    try {
      return JSON.parse(readFileSync(this.paths.host, 'utf8')) as ProcessHandle;
    } catch {
      return undefined;
    }
  }

  private ensureRunning(): Promise<void> {
    return hostLock.run(this.paths.dir, async () => {
      if (isRunning(this.host())) return;
      const entry = this.config.droneSimulatorEntry;
      if (!entry) throw new PitrixError('CONFIG.INVALID', 'PITRIX_LOCAL_DRONE_SIMULATOR_ENTRY is empty: a runtime with simulateDrones needs the drone simulator');
      const handle = await startDetached({
        ...supervised({ command: this.config.nodeExecutable, args: [entry] }),
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: process.env.LANG ?? 'C.UTF-8', PITRIX_SIMULATOR_DRONES_DIR: this.paths.drones },
        cwd: this.paths.dir,
        logFile: this.paths.log,
      });
      writeFileSync(this.paths.host, JSON.stringify(handle), { mode: 0o600 });
    });
  }
}
