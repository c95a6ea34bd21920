import { INSTANCE_TAGS } from '@pitrix/activities';
import type { AgentMonitor } from '@pitrix/agent-plane';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resurrector } from '../src/healing/resurrector.js';
import { clusterDriver, type ClusterDriver } from './support/cluster-harness.js';
import { monitorAgents } from './support/health-checks.js';
import { resurrect, TEST_HEALING_SETTINGS } from './support/resurrection.js';
import { superviseWorker, type SupervisedWorker } from './support/supervised-worker.js';
import { startWorkerHarness, type WorkerHarness } from './support/worker-harness.js';

const HEALED_STORE = join(__dirname, 'testdata/packages/healed-store');
const STORE_NODES = 2;
/**
 * Drones beat every 10 s and count as missing after 3 intervals; the heal starts after the next
 * frontgate status (no longer listing the drone). A loaded machine stretches every step.
 */
const HEAL_STARTS_WITHIN_MS = 150_000;
/** A task in flight on the killed worker is retried once its 30 s heartbeat timeout passes. */
const TERMINAL_WITHIN_MS = 150_000;

interface StoredInstance {
  readonly id: string;
  readonly status: string;
  readonly agentKind: 'drone' | 'frontgate';
  readonly tags: Record<string, string>;
  readonly process?: { pid: number };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('chaos on the heal path: the worker killed with -9 while a heal job runs', () => {
  let harness: WorkerHarness;
  let driver: ClusterDriver;
  let worker: SupervisedWorker;
  let monitor: AgentMonitor;
  let resurrector: Resurrector;

  const instanceRecord = (id: string) => JSON.parse(readFileSync(join(harness.localRoot, 'instances', id, 'instance.json'), 'utf8')) as StoredInstance;
  /** Every instance with a record (a folder may exist a moment before its record while one is created). */
  const instances = (): StoredInstance[] => {
    const dir = join(harness.localRoot, 'instances');
    return readdirSync(dir)
      .filter((id) => existsSync(join(dir, id, 'instance.json')))
      .map(instanceRecord);
  };
  const liveDronesOf = (nodeId: string) => instances().filter((instance) => instance.agentKind === 'drone' && instance.status !== 'terminated' && instance.tags[INSTANCE_TAGS.node] === nodeId);
  const query = (sql: string, params: unknown[]) => harness.db.dataSource.query(sql, params) as Promise<Array<Record<string, unknown>>>;
  const healJobs = async (clusterId: string) => query(`SELECT id, status, workflow_id FROM cluster.jobs WHERE cluster_id = $1 AND action = 'heal' ORDER BY started_at`, [clusterId]);
  const healthOf = async (nodeIds: readonly string[]) =>
    (await query(`SELECT node_id, state FROM agents.node_health WHERE node_id = ANY($1) ORDER BY node_id`, [nodeIds])).map((row) => `${String(row.node_id)}: ${String(row.state)}`);

  /** Waits for the heal job to end (its workflow closed and the read model saying so). */
  const terminal = async (jobId: string, workflowId: string): Promise<string> => {
    const deadline = Date.now() + TERMINAL_WITHIN_MS;
    while (Date.now() < deadline) {
      const description = await harness.env.client.workflow.getHandle(workflowId).describe();
      const [job] = await query(`SELECT status FROM cluster.jobs WHERE id = $1`, [jobId]);
      const closed = !['RUNNING', 'CONTINUED_AS_NEW'].includes(description.status.name);
      if (closed && (job?.status === 'successful' || job?.status === 'failed')) return String(job.status);
      await pause(250);
    }
    return 'not terminal';
  };

  /** What a heal that did not succeed was doing: its unfinished tasks. */
  const unfinishedTasks = (jobId: string) =>
    query(`SELECT task_id, node_id, status, attempts, failure FROM cluster.tasks WHERE job_id = $1 AND status <> 'successful' ORDER BY layer, task_id`, [jobId]);

  /** Why more than one heal ran: every job of the cluster, the heals' tasks, the nodes' health and the instances. */
  const healDiagnosis = async (clusterId: string, nodeIds: readonly string[]): Promise<string> => {
    const jobs = await query(`SELECT id, action, status, started_at, finished_at FROM cluster.jobs WHERE cluster_id = $1 ORDER BY started_at`, [clusterId]);
    const tasks = await query(`SELECT job_id, task_id, status, attempts, started_at, finished_at FROM cluster.tasks WHERE cluster_id = $1 AND job_id IN (SELECT id FROM cluster.jobs WHERE action = 'heal') ORDER BY job_id, layer`, [clusterId]);
    const health = await query(`SELECT node_id, state, reason, state_since, last_heartbeat_at FROM agents.node_health WHERE node_id = ANY($1)`, [nodeIds]);
    const stored = instances().map((instance) => ({ id: instance.id, status: instance.status, kind: instance.agentKind, node: instance.tags[INSTANCE_TAGS.node], pid: instance.process?.pid }));
    return [`jobs: ${JSON.stringify(jobs)}`, `heal tasks: ${JSON.stringify(tasks)}`, `health: ${JSON.stringify(health)}`, `instances: ${JSON.stringify(stored)}`].join('\n');
  };

  beforeAll(async () => {
    harness = await startWorkerHarness('chaos_heal');
    driver = await clusterDriver(harness);
    worker = await superviseWorker(harness);
    monitor = await monitorAgents(harness);
    resurrector = resurrect(harness);
  });
  afterAll(async () => {
    await resurrector?.stop();
    await monitor?.stop();
    await worker?.stop();
    await harness?.close();
  });

  it('the heal job still ends successful, once, with one new instance for the node, and the cluster is active', async () => {
    const create = await driver.createFrom(HEALED_STORE, { cluster: { name: 'chaos-heal', store: { count: STORE_NODES } } }, { healing: { enabled: true, graceSeconds: 1 } });
    expect(await driver.outcome(create)).toBe('successful');
    const nodes = await driver.reads.nodes(create.clusterId);
    expect(nodes).toHaveLength(STORE_NODES);
    // The resurrector watches only nodes whose drones have reported.
    const nodeIds = nodes.map((node) => node.nodeId).sort();
    await expect.poll(() => healthOf(nodeIds), { timeout: 60_000, interval: 500 }).toEqual(nodeIds.map((nodeId) => `${nodeId}: healthy`));

    // The victim's whole process group (its drone and whatever its hooks started), as a crashed machine.
    const victim = nodes[0]!;
    process.kill(-instanceRecord(victim.instanceId!).process!.pid, 'SIGKILL');

    // The kill lands once the heal has terminated what was left and started the new instance.
    const deadline = Date.now() + HEAL_STARTS_WITHIN_MS;
    let heal: Record<string, unknown> | undefined;
    let killedAt = '';
    for (;;) {
      [heal] = await healJobs(create.clusterId);
      const [runInstance] = heal ? await query(`SELECT status FROM cluster.tasks WHERE job_id = $1 AND type = 'runInstance'`, [heal.id]) : [];
      if (runInstance?.status === 'running' || runInstance?.status === 'successful') {
        killedAt = `runInstance ${String(runInstance.status)}`;
        break;
      }
      if (Date.now() > deadline) throw new Error(`no heal of ${victim.nodeId} started its new instance within ${HEAL_STARTS_WITHIN_MS / 1000} s\n${await healDiagnosis(create.clusterId, nodeIds)}\nfrontgates: ${JSON.stringify(await query(`SELECT * FROM agents.frontgate_health`, []))}\nhealing: ${JSON.stringify(await query(`SELECT * FROM runtime.healing`, []))}`);
      await pause(50);
    }
    const startsBefore = worker.starts;
    await worker.kill();
    await expect.poll(() => worker.starts, { timeout: 10_000 }).toBeGreaterThan(startsBefore);

    const outcome = await terminal(String(heal!.id), String(heal!.workflow_id));
    if (outcome !== 'successful') console.error(`heal ${String(heal!.id)} unfinished tasks: ${JSON.stringify(await unfinishedTasks(String(heal!.id)))}`);
    const retried = await query(`SELECT task_id, attempts FROM cluster.tasks WHERE job_id = $1 AND attempts > 1 ORDER BY layer, task_id`, [heal!.id]);
    console.log(`chaos heal: worker killed at ${killedAt} -> ${outcome}; tasks tried more than once: ${JSON.stringify(retried)}; worker processes started: ${worker.starts}`);
    expect(outcome).toBe('successful');

    // The healed node reports again; scans go on every 500 ms meanwhile and after: one outage, one heal.
    await expect.poll(() => healthOf([victim.nodeId]), { timeout: 60_000, interval: 500 }).toEqual([`${victim.nodeId}: healthy`]);
    await pause(6 * TEST_HEALING_SETTINGS.scanMs);
    const allHeals = await healJobs(create.clusterId);
    if (allHeals.length !== 1) console.error(await healDiagnosis(create.clusterId, nodeIds));
    expect(allHeals.map((job) => job.id)).toEqual([heal!.id]);

    // One live instance per node, the healed node's a new one; the dead one is terminated.
    const after = await driver.reads.nodes(create.clusterId);
    const healed = after.find((node) => node.nodeId === victim.nodeId)!;
    expect(healed).toMatchObject({ serverId: victim.serverId, status: 'active' });
    expect(healed.instanceId).not.toBe(victim.instanceId);
    expect(liveDronesOf(victim.nodeId).map((instance) => instance.id)).toEqual([healed.instanceId]);
    expect(instanceRecord(victim.instanceId!).status).toBe('terminated');
    for (const node of after) expect(liveDronesOf(node.nodeId).map((instance) => instance.id)).toEqual([node.instanceId]);
    // The new instance's hooks ran once each, although the worker died while the heal ran.
    expect(readFileSync(join(harness.localRoot, 'instances', healed.instanceId!, 'disk', 'hooks.log'), 'utf8')).toMatch(/^init \d+\nstart \d+\n$/);
    expect((await driver.reads.cluster(create.clusterId)).status).toBe('active');
  }, 420_000);
});
