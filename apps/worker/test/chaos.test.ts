import { INSTANCE_TAGS } from '@pitrix/activities';
import { startTestTemporalServer, testTemporalTarget, TEST_NAMESPACE } from '@pitrix/testing';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterDriver, type ClusterDriver } from './support/cluster-harness.js';
import { superviseWorker, type SupervisedWorker } from './support/supervised-worker.js';
import { startWorkerHarness, type WorkerHarness } from './support/worker-harness.js';

const SLOW_HOOKS = join(__dirname, 'testdata/packages/slow-hooks');
/** How far into a create each fault lands: the share of its planned tasks already done. */
const POINTS = [0.15, 0.5, 0.8];
const TERMINAL_WITHIN_MS = 240_000;

interface StoredInstance {
  readonly id: string;
  readonly status: string;
  readonly agentKind: 'drone' | 'frontgate';
  readonly tags: Record<string, string>;
  readonly process?: { pid: number };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('chaos: faults injected at several points of a create; every job ends, no instance is duplicated or orphaned', () => {
  let harness: WorkerHarness;
  let driver: ClusterDriver;
  let worker: SupervisedWorker;
  let temporal: Awaited<ReturnType<typeof startTestTemporalServer>>;
  const temporalOptions = { binary: testTemporalTarget().binary, dbFile: join(mkdtempSync(join(tmpdir(), 'pitrix-chaos-temporal-')), 'temporal.db') };
  const results: Array<{ fault: string; point: number; outcome: string }> = [];

  /**
   * The instances not terminated. While a create runs, an instance's folder may exist a moment
   * before its record (`whileCreating` passes over it); once the jobs ended, a folder without a
   * record is a half-created instance and fails the test.
   */
  const liveInstances = (options: { whileCreating?: boolean } = {}): StoredInstance[] => {
    const dir = join(harness.localRoot, 'instances');
    return readdirSync(dir)
      .filter((id) => !options.whileCreating || existsSync(join(dir, id, 'instance.json')))
      .map((id) => JSON.parse(readFileSync(join(dir, id, 'instance.json'), 'utf8')) as StoredInstance)
      .filter((instance) => instance.status !== 'terminated');
  };
  const query = (sql: string, params: unknown[]) => harness.db.dataSource.query(sql, params) as Promise<Array<Record<string, unknown>>>;

  /** Resolves once `share` of the job's planned tasks succeeded. */
  const reach = async (jobId: string, share: number) => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const [row] = await query(`SELECT count(*) FILTER (WHERE status = 'successful')::int AS done, count(*)::int AS planned FROM cluster.tasks WHERE job_id = $1`, [jobId]);
      const planned = Number(row?.planned ?? 0);
      if (planned > 0 && Number(row?.done) >= Math.ceil(planned * share)) return;
      if (Date.now() > deadline) throw new Error(`job ${jobId} did not reach ${share * 100}% of its tasks`);
      await pause(50);
    }
  };

  /** Waits for the job to end (its workflow closed and the read model saying so). */
  const terminal = async (jobId: string, workflowId: string): Promise<string> => {
    const deadline = Date.now() + TERMINAL_WITHIN_MS;
    while (Date.now() < deadline) {
      try {
        const description = await harness.env.client.workflow.getHandle(workflowId).describe();
        const [job] = await query(`SELECT status FROM cluster.jobs WHERE id = $1`, [jobId]);
        const closed = !['RUNNING', 'CONTINUED_AS_NEW'].includes(description.status.name);
        if (closed && (job?.status === 'successful' || job?.status === 'failed')) return String(job.status);
      } catch {
        // The Temporal server is restarting: ask again.
      }
      await pause(250);
    }
    return 'not terminal';
  };

  /** What a job that did not succeed was doing: its unfinished tasks and the tails of its agents' logs. */
  const diagnosis = async (jobId: string, clusterId: string): Promise<string> => {
    const tasks = await query(`SELECT task_id, title, node_id, status, attempts, failure FROM cluster.tasks WHERE job_id = $1 AND status <> 'successful' ORDER BY layer, task_id`, [jobId]);
    const logs = liveInstances({ whileCreating: true })
      .filter((instance) => instance.tags[INSTANCE_TAGS.cluster] === clusterId || instance.agentKind === 'frontgate')
      .map((instance) => {
        const file = join(harness.localRoot, 'instances', instance.id, 'agent.log');
        const tail = existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-40).join('\n') : '(no log)';
        return `--- ${instance.agentKind} ${instance.id} (${instance.tags[INSTANCE_TAGS.node] ?? ''}) agent.log:\n${tail}`;
      });
    return [`job ${jobId} unfinished tasks: ${JSON.stringify(tasks)}`, ...logs].join('\n');
  };

  const faults: Record<string, (clusterId: string) => Promise<void>> = {
    'kill -9 the worker': () => worker.kill(),
    'restart the Temporal server': async () => {
      await temporal.stop();
      temporal = await startTestTemporalServer({ ...temporalOptions, port: temporal.port });
    },
    "cut the frontgate's leaf link for 5 s": async () => {
      harness.leafLink!.cut();
      await pause(5_000);
      harness.leafLink!.restore();
    },
    'kill -9 a drone': async (clusterId) => {
      // The first drone of the cluster to run (the create may not have started one yet at this point).
      const agentOf = (instance: StoredInstance) => Number(readFileSync(`/proc/${instance.process!.pid}/task/${instance.process!.pid}/children`, 'utf8').trim().split(/\s+/)[0] ?? 0);
      const deadline = Date.now() + 60_000;
      for (;;) {
        const drone = liveInstances({ whileCreating: true }).find((instance) => instance.agentKind === 'drone' && instance.tags[INSTANCE_TAGS.cluster] === clusterId && instance.process);
        const agent = drone ? agentOf(drone) : 0;
        if (drone && agent > 0) {
          process.kill(agent, 'SIGKILL');
          // Its supervisor (the machine's init system) starts it again.
          await expect.poll(() => agentOf(drone), { timeout: 10_000 }).not.toBe(agent);
          return;
        }
        if (Date.now() > deadline) throw new Error(`no drone of ${clusterId} ran within 60 s`);
        await pause(50);
      }
    },
  };

  beforeAll(async () => {
    temporal = await startTestTemporalServer(temporalOptions);
    harness = await startWorkerHarness('chaos', { temporal: { address: temporal.address, namespace: TEST_NAMESPACE }, cuttableLeafLink: true });
    driver = await clusterDriver(harness);
    worker = await superviseWorker(harness);
  });
  afterAll(async () => {
    const succeeded = results.filter((r) => r.outcome === 'successful').length;
    console.log(`chaos runs: ${results.length}, successful: ${succeeded}, worker processes started: ${worker?.starts ?? 0}`);
    for (const r of results) console.log(`chaos: ${r.fault} at ${r.point * 100}% -> ${r.outcome}`);
    await worker?.stop();
    await harness?.close();
    await temporal?.stop();
  });

  for (const [fault, inject] of Object.entries(faults)) {
    it.each(POINTS)(`${fault}, at %s of the create`, async (point) => {
      const job = await driver.createFrom(SLOW_HOOKS, { cluster: { name: `chaos-${results.length}` } });
      await reach(job.jobId, point);
      await inject(job.clusterId);
      const outcome = await terminal(job.jobId, job.workflowId);
      results.push({ fault, point, outcome });
      if (outcome !== 'successful') console.error(await diagnosis(job.jobId, job.clusterId));
      expect(outcome).toBe('successful');

      // One live instance per node, none without a node, and every hook ran exactly once per node.
      const nodes = await driver.reads.nodes(job.clusterId);
      const drones = liveInstances().filter((instance) => instance.agentKind === 'drone' && instance.tags[INSTANCE_TAGS.cluster] === job.clusterId);
      expect(drones.map((d) => d.tags[INSTANCE_TAGS.node]).sort()).toEqual(nodes.map((n) => n.nodeId).sort());
      expect(drones.map((d) => d.id).sort()).toEqual(nodes.map((n) => n.instanceId).sort());
      for (const node of nodes) {
        const log = join(harness.localRoot, 'instances', node.instanceId!, 'disk', 'hooks.log');
        expect(existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).sort() : []).toEqual(['init', 'start']);
      }
      expect(liveInstances().filter((instance) => instance.agentKind === 'frontgate')).toHaveLength(1);

      // Cleaned up for the next run: deleted, then ceased, leaving no instance of this cluster.
      expect(await driver.outcome(await driver.submit(job.clusterId, { action: 'delete', force: false }))).toBe('successful');
      expect(await driver.outcome(await driver.submit(job.clusterId, { action: 'cease' }))).toBe('successful');
      expect(liveInstances().filter((instance) => instance.tags[INSTANCE_TAGS.cluster] === job.clusterId)).toEqual([]);
    }, TERMINAL_WITHIN_MS + 60_000);
  }
});
