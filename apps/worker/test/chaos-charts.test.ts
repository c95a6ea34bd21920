import type { SubmittedJob } from '@pitrix/cluster-client';
import { releaseNameOf } from '@pitrix/cluster-model';
import { startTestKubernetes, type TestKubernetes } from '@pitrix/testing/kubernetes';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartDriver, type ChartDriver } from './support/chart-harness.js';
import { recordHistory } from './support/histories.js';
import { superviseWorker, type SupervisedWorker } from './support/supervised-worker.js';
import { startWorkerHarness, type WorkerHarness } from './support/worker-harness.js';

const NAMESPACE = 'chaos';
const TERMINAL_WITHIN_MS = 240_000;

interface Revision { revision: number; status: string; chart: string; description: string }

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('chaos on chart clusters: kill -9 the worker during a Helm install and an upgrade; each job ends, one release revision per step', () => {
  let k8s: TestKubernetes;
  let harness: WorkerHarness;
  let worker: SupervisedWorker;
  let driver: ChartDriver;

  const query = (sql: string, params: unknown[]) => harness.db.dataSource.query(sql, params) as Promise<Array<Record<string, unknown>>>;
  const history = async (clusterId: string): Promise<Revision[]> => {
    const { stdout } = await promisify(execFile)(k8s.helmBinary, ['history', releaseNameOf(clusterId), '-o', 'json', '--kubeconfig', k8s.kubeconfigFile, '--namespace', NAMESPACE]);
    return JSON.parse(stdout) as Revision[];
  };

  /** Resolves once the task has started (its TaskStarted event is in), polling fast: Helm steps take well under a second. */
  const started = async (jobId: string, taskId: string) => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const [row] = await query(`SELECT status FROM cluster.tasks WHERE job_id = $1 AND task_id = $2`, [jobId, taskId]);
      if (row && row.status !== 'pending') return;
      if (Date.now() > deadline) throw new Error(`task ${taskId} of ${jobId} did not start`);
      await pause(10);
    }
  };

  /** Kills the worker as soon as `taskId` starts, then waits for the job to end. */
  const killDuring = async (job: SubmittedJob, taskId: string) => {
    await started(job.jobId, taskId);
    await worker.kill();
    return Promise.race([driver.outcome(job), pause(TERMINAL_WITHIN_MS).then(() => 'not terminal')]);
  };

  beforeAll(async () => {
    k8s = await startTestKubernetes();
    harness = await startWorkerHarness('chaos_charts', { extraEnv: { PITRIX_HELM_BINARY: k8s.helmBinary } });
    driver = await chartDriver(harness, k8s.kubeconfig, k8s.helmBinary, NAMESPACE);
    worker = await superviseWorker(harness);
  }, 600_000);
  afterAll(async () => {
    console.log(`chart chaos: worker processes started: ${worker?.starts ?? 0}`);
    await worker?.stop();
    await harness?.close();
    await k8s?.stop();
  });

  it('kill -9 the worker while it installs the release, then while it upgrades it', async () => {
    const startsBefore = worker.starts;
    const create = await driver.create(await driver.chart('1.0.0'));
    expect(await killDuring(create, 'install')).toBe('successful');
    await recordHistory(harness.env.client, create.workflowId, create.runId, 'cluster-job.chart-create.worker-killed');
    const installed = await history(create.clusterId);
    expect(installed.map((revision) => revision.description)).toEqual([`${create.jobId}/install`]);
    expect(installed[0]).toMatchObject({ revision: 1, status: 'deployed' });

    const upgrade = await driver.upgrade(create.clusterId, await driver.chart('1.1.0', (text) => text.replace('logLevel: info', 'logLevel: debug')));
    expect(await killDuring(upgrade, 'upgrade')).toBe('successful');
    await recordHistory(harness.env.client, upgrade.workflowId, upgrade.runId, 'cluster-job.chart-upgrade.worker-killed');
    const upgraded = await history(create.clusterId);
    expect(upgraded.map((revision) => revision.description)).toEqual([`${create.jobId}/install`, `${upgrade.jobId}/upgrade`]);
    expect(upgraded.at(-1)).toMatchObject({ revision: 2, status: 'deployed', chart: 'web-shop-1.1.0' });
    expect(worker.starts).toBeGreaterThanOrEqual(startsBefore + 2);

    // Every pod is a node again once the jobs ended; delete leaves no revision behind.
    const nodes = await driver.reads.nodes(create.clusterId);
    expect(nodes.filter((node) => node.role === 'web')).toHaveLength(2);
    expect(await driver.outcome(await driver.submit(create.clusterId, { action: 'delete', force: false }))).toBe('successful');
    await expect(history(create.clusterId)).rejects.toThrow(/not found/);
  }, 2 * TERMINAL_WITHIN_MS + 120_000);
});
