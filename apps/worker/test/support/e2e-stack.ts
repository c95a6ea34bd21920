import { clusterDriver, type ClusterDriver } from './cluster-harness.js';
import { monitorAgents } from './health-checks.js';
import { startWorkerHarness, type WorkerHarness, type WorkerHarnessOptions } from './worker-harness.js';

/** What an end-to-end test needs: the servers, a running worker, a cluster driver and (unless turned off) an agent monitor. */
export interface E2eStack {
  readonly harness: WorkerHarness;
  readonly driver: ClusterDriver;
  close(): Promise<void>;
}

/** Options of the stack: the options of its local runtime, and whether an agent monitor records what drones report. */
export interface E2eStackOptions {
  readonly runtimeOptions?: Record<string, unknown>;
  readonly monitorAgents?: boolean;
  /** Options of the harness under the stack (agent entries, extra worker settings). */
  readonly harness?: WorkerHarnessOptions;
}

/** Starts the stack of an end-to-end test; `close` stops it in reverse order. */
export async function startE2eStack(label: string, options: E2eStackOptions = {}): Promise<E2eStack> {
  const harness = await startWorkerHarness(label, options.harness);
  try {
    const driver = await clusterDriver(harness, options.runtimeOptions);
    const worker = await harness.createWorker();
    const running = worker.run();
    const monitor = options.monitorAgents === false ? undefined : await monitorAgents(harness);
    return {
      harness,
      driver,
      close: async () => {
        await monitor?.stop();
        worker.shutdown();
        await running;
        await harness.close();
      },
    };
  } catch (err) {
    await harness.close();
    throw err;
  }
}
