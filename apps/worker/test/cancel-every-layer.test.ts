import type { Operation } from '@pitrix/cluster-model';
import type { SubmittedJob } from '@pitrix/cluster-client';
import { newId } from '@pitrix/ids';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterDriver, type ClusterDriver } from './support/cluster-harness.js';
import { recordHistory } from './support/histories.js';
import { LayerHold } from './support/layer-hold.js';
import { startWorkerHarness, type WorkerHarness } from './support/worker-harness.js';

/** How a cancelled job's cluster is cleaned up. */
type Cleanup = 'force delete' | 'rollback';

/** A job kind: how to bring a fresh cluster to where it may start, and the operation itself. */
interface JobKind {
  readonly action: Operation['action'];
  readonly prepare: (clusterId: string) => Promise<void>;
  readonly operation: (clusterId: string) => Promise<Operation>;
  readonly cleanups: readonly Cleanup[];
}

const VALUES = { cluster: { name: 'walk', replica: { count: 1 } }, env: { requirepass: 'walk-pass-1' } };
const PARALLEL = 4;

// Simulated drones speak the real protocol through real frontgates and run no command: every
// layer of every kind of job is reached in seconds, so each can be cancelled there.
describe('a job of every kind cancelled at every layer, then cleaned up', () => {
  let harness: WorkerHarness;
  let driver: ClusterDriver;
  let hold: LayerHold;
  let close: () => Promise<void>;

  beforeAll(async () => {
    harness = await startWorkerHarness('cancel_every_layer');
    driver = await clusterDriver(harness, { simulateDrones: true, simulatedCommandMs: 50 });
    hold = new LayerHold(driver.reads);
    const worker = await harness.createWorker({ activityInterceptors: [hold.interceptor()] });
    const running = worker.run();
    close = async () => {
      worker.shutdown();
      await running;
      await harness.close();
    };
  });
  afterAll(() => close?.());

  const succeed = async (job: Promise<SubmittedJob>) => expect(await driver.outcome(await job)).toBe('successful');
  const active = async (): Promise<string> => {
    const job = await driver.create('kv-store', VALUES);
    await succeed(Promise.resolve(job));
    return job.clusterId;
  };
  const none = async () => undefined;
  const kinds: JobKind[] = [
    { action: 'create', prepare: none, operation: async () => ({ action: 'create', atomic: false }), cleanups: ['force delete', 'rollback'] },
    { action: 'stop', prepare: none, operation: async () => ({ action: 'stop' }), cleanups: ['force delete'] },
    { action: 'start', prepare: (id) => succeed(driver.submit(id, { action: 'stop' })), operation: async () => ({ action: 'start' }), cleanups: ['force delete'] },
    { action: 'restart', prepare: none, operation: async () => ({ action: 'restart' }), cleanups: ['force delete'] },
    { action: 'upgrade', prepare: none, operation: async () => ({ action: 'upgrade', targetVersionId: 'appv-next', canary: 1, maxInFlight: 1 }), cleanups: ['rollback'] },
    { action: 'addNodes', prepare: none, operation: async () => ({ action: 'addNodes', role: 'replica', count: 1 }), cleanups: ['rollback'] },
    { action: 'deleteNodes', prepare: none, operation: async (id) => ({ action: 'deleteNodes', nodeIds: [(await driver.reads.nodes(id)).find((n) => n.role === 'replica')!.nodeId], force: false }), cleanups: ['force delete'] },
    { action: 'resize', prepare: none, operation: async () => ({ action: 'resize', roles: [{ role: 'replica', cpu: 2 }] }), cleanups: ['force delete'] },
    { action: 'updateEnv', prepare: none, operation: async () => ({ action: 'updateEnv' }), cleanups: ['rollback'] },
    { action: 'runAction', prepare: none, operation: async () => ({ action: 'runAction', name: 'compact', params: {} }), cleanups: ['force delete'] },
    { action: 'backup', prepare: none, operation: async () => ({ action: 'backup', snapshotId: 'snap-walk' }), cleanups: ['force delete'] },
    { action: 'restore', prepare: none, operation: async () => ({ action: 'restore', snapshotId: 'snap-walk' }), cleanups: ['force delete'] },
    { action: 'delete', prepare: none, operation: async () => ({ action: 'delete', force: false }), cleanups: ['force delete'] },
    { action: 'recover', prepare: (id) => succeed(driver.submit(id, { action: 'delete', force: false })), operation: async () => ({ action: 'recover' }), cleanups: ['force delete'] },
    { action: 'cease', prepare: (id) => succeed(driver.submit(id, { action: 'delete', force: false })), operation: async () => ({ action: 'cease' }), cleanups: ['force delete'] },
  ];

  /** Runs one job of `kind`, cancels it at `layer`, cleans up; returns how many layers its plan had. */
  async function walk(kind: JobKind, layer: number, cleanup: Cleanup): Promise<number> {
    const ids = { jobId: newId('job'), clusterId: kind.action === 'create' ? newId('cluster') : await active() };
    await kind.prepare(ids.clusterId);
    const held = hold.at(ids.jobId, layer);
    const job =
      kind.action === 'create'
        ? await driver.create('kv-store', VALUES, ids)
        : await driver.submit(ids.clusterId, await kind.operation(ids.clusterId), undefined, { jobId: ids.jobId });
    await held.reached;
    const handle = harness.env.client.workflow.getHandle(job.workflowId, job.runId);
    await handle.cancel();
    held.release();
    await expect(handle.result()).rejects.toMatchObject({ cause: { name: 'CancelledFailure' } });
    // A create cancelled while it waits for its frontgate: the run waits for the interrupted wait to end.
    const waited = (await driver.reads.tasks(job.jobId)).some((task) => task.layer === layer && task.type === 'ensureFrontgate');
    if (kind.action === 'create' && waited && cleanup === 'rollback') await recordHistory(harness.env.client, job.workflowId, job.runId, 'cluster-job.create.cancelled-in-a-wait');
    const layers = new Set((await driver.reads.tasks(job.jobId)).map((task) => task.layer)).size;
    const where = `${kind.action} cancelled at layer ${layer} of ${layers}, cleaned up by ${cleanup}`;
    // The job ended after its tasks in flight (a wait, interrupted, ends within a heartbeat): none
    // is left running to act after the cleanup.
    const running = async () => (await driver.reads.tasks(job.jobId)).filter((task) => task.status === 'running').map((task) => task.taskId);
    await expect.poll(running, { timeout: 20_000, message: where }).toEqual([]);
    expect(await driver.reads.job(job.jobId), where).toMatchObject({ status: 'cancelled' });
    expect(await driver.reads.cluster(job.clusterId), where).toMatchObject({ status: 'failed', statusReason: 'JobCancelled' });
    await cleanUp(job, cleanup, where);
    return layers;
  }

  async function cleanUp(job: SubmittedJob, cleanup: Cleanup, where: string): Promise<void> {
    const instanceIds = instancesOf(job.clusterId);
    if (cleanup === 'rollback') {
      expect(await driver.outcome(await driver.rollback(job.jobId)), where).toBe('successful');
    }
    const status = (await driver.reads.cluster(job.clusterId)).status;
    if (status !== 'ceased') {
      if (status !== 'deleted') expect(await driver.outcome(await driver.submit(job.clusterId, { action: 'delete', force: true })), where).toBe('successful');
      expect(await driver.outcome(await driver.submit(job.clusterId, { action: 'cease' })), where).toBe('successful');
    }
    expect((await driver.reads.cluster(job.clusterId)).status, where).toBe('ceased');
    expect(await driver.reads.nodes(job.clusterId), where).toEqual([]);
    expect(liveInstancesOf(job.clusterId), where).toEqual([]);
    expect(leasedBy(instanceIds), where).toEqual([]);
  }

  /** Every instance the local provider has recorded for a cluster (terminated ones included). */
  function instancesOf(clusterId: string): string[] {
    return records().filter((record) => record.tags['pitrix-cluster'] === clusterId).map((record) => record.id);
  }

  function liveInstancesOf(clusterId: string): string[] {
    return records().filter((record) => record.tags['pitrix-cluster'] === clusterId && record.status !== 'terminated').map((record) => `${record.id} ${record.status}`);
  }

  function records(): Array<{ id: string; status: string; tags: Record<string, string> }> {
    const dir = join(harness.localRoot, 'instances');
    return (existsSync(dir) ? readdirSync(dir) : []).flatMap((id) => {
      const file = join(dir, id, 'instance.json');
      return existsSync(file) ? [JSON.parse(readFileSync(file, 'utf8')) as { id: string; status: string; tags: Record<string, string> }] : [];
    });
  }

  /** Instances among `instanceIds` that still hold a private address. */
  function leasedBy(instanceIds: readonly string[]): string[] {
    return instanceIds.filter((id) => ['ip-owners', 'subnet-ip-owners'].some((folder) => existsSync(join(harness.localRoot, folder, id))));
  }

  it.each(kinds.map((kind) => [kind.action, kind] as const))('%s', async (_action, kind) => {
    const layers = await walk(kind, 0, kind.cleanups[0]!);
    const runs = Array.from({ length: layers }, (_, layer) => kind.cleanups.map((cleanup) => [layer, cleanup] as const))
      .flat()
      .filter(([layer, cleanup]) => layer > 0 || cleanup !== kind.cleanups[0]);
    for (let i = 0; i < runs.length; i += PARALLEL) {
      await Promise.all(runs.slice(i, i + PARALLEL).map(([layer, cleanup]) => walk(kind, layer, cleanup)));
    }
    console.log(`${kind.action}: cancelled at each of ${layers} layers, cleaned up by ${kind.cleanups.join(' and by ')} (${runs.length + 1} jobs)`);
    expect(layers).toBeGreaterThan(0);
  }, 900_000);
});
