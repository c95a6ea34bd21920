import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterDriver } from './support/cluster-harness.js';
import { startE2eStack, type E2eStack } from './support/e2e-stack.js';
import type { WorkerHarness } from './support/worker-harness.js';

interface StoredInstance {
  readonly agentKind: 'drone' | 'frontgate';
  readonly status: string;
  readonly simulated?: boolean;
  readonly process?: { pid: number };
}

describe('a local runtime with simulated drones: real frontgate and protocol, drones in one simulator process', () => {
  let stack: E2eStack;
  let harness: WorkerHarness;
  let driver: ClusterDriver;
  const instances = () =>
    readdirSync(join(harness.localRoot, 'instances')).map((id) => ({ id, ...(JSON.parse(readFileSync(join(harness.localRoot, 'instances', id, 'instance.json'), 'utf8')) as StoredInstance) }));
  const listedDrones = () => {
    const dir = join(harness.localRoot, 'simulator', 'drones');
    return existsSync(dir) ? readdirSync(dir).sort() : [];
  };

  beforeAll(async () => {
    stack = await startE2eStack('simulated_drones', { runtimeOptions: { simulateDrones: true, simulatedCommandMs: 50 }, monitorAgents: false });
    ({ harness, driver } = stack);
  });
  afterAll(() => stack?.close());

  it('creates a 5-node cluster whose drones answer from the simulator, each with its own instance and no process of its own', async () => {
    const job = await driver.create('kv-store', { cluster: { name: 'sim', replica: { count: 4 } }, env: { requirepass: 'sim-pass-1' } });
    expect(await driver.outcome(job)).toBe('successful');
    expect((await driver.reads.cluster(job.clusterId)).status).toBe('active');
    const drones = instances().filter((i) => i.agentKind === 'drone');
    expect(drones).toHaveLength(5);
    for (const drone of drones) {
      expect(drone).toMatchObject({ status: 'running', simulated: true });
      expect(drone.process).toBeUndefined();
    }
    expect(listedDrones()).toEqual(drones.map((d) => `${d.id}.json`).sort());
    const frontgates = instances().filter((i) => i.agentKind === 'frontgate');
    expect(frontgates).toHaveLength(1);
    expect(frontgates[0]!.process?.pid).toBeGreaterThan(0);
    const host = JSON.parse(readFileSync(join(harness.localRoot, 'simulator', 'host.json'), 'utf8')) as { pid: number };
    expect(() => process.kill(host.pid, 0)).not.toThrow();

    expect(await driver.outcome(await driver.submit(job.clusterId, { action: 'delete', force: false }))).toBe('successful');
    expect(await driver.outcome(await driver.submit(job.clusterId, { action: 'cease' }))).toBe('successful');
    expect(listedDrones()).toEqual([]);
  });
});
