import { retryClusterJob } from '@pitrix/cluster-client';
import { ClusterEventStore } from '@pitrix/cluster-store';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterDriver } from './support/cluster-harness.js';
import { startE2eStack, type E2eStack } from './support/e2e-stack.js';
import type { WorkerHarness } from './support/worker-harness.js';

const gatedInit = join(__dirname, 'testdata', 'packages', 'gated-init');

/**
 * The pid and command folder of the drone's wrapper running a command of job `jobId` whose line
 * contains `cmd`, once the wrapper has recorded the hook it started.
 */
function wrapperRunning(localRoot: string, jobId: string, cmd: string): { pid: number; dir: string } | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const dir = args.find((arg) => arg.startsWith(localRoot) && arg.includes(`/commands/${jobId}_`));
    if (!dir || !args.some((arg) => arg.endsWith('wrapper-main.js')) || !existsSync(join(dir, 'started.json'))) continue;
    const spec = JSON.parse(readFileSync(join(dir, 'spec.json'), 'utf8')) as { cmd: string };
    if (spec.cmd.includes(cmd)) return { pid: Number(entry), dir };
  }
  return undefined;
}

describe('a command whose runner vanished', () => {
  let stack: E2eStack;
  let harness: WorkerHarness;
  let driver: ClusterDriver;

  beforeAll(async () => {
    stack = await startE2eStack('interrupted_command');
    ({ harness, driver } = stack);
  });
  afterAll(() => stack?.close());

  it('fails its task on the first attempt with AGENT.COMMAND_INTERRUPTED (asking again under the same command id cannot change that), and retryJob runs it afresh', async () => {
    const gate = join(mkdtempSync(join(tmpdir(), 'pitrix-gate-')), 'open');
    const job = await driver.createFrom(gatedInit, { cluster: { name: 'gated' }, env: { gate } });
    let wrapper: ReturnType<typeof wrapperRunning>;
    await expect.poll(() => (wrapper = wrapperRunning(harness.localRoot, job.jobId, 'hook.sh init')), { timeout: 60_000, interval: 200 }).toBeDefined();
    // The runner and the hook it runs vanish without recording an exit, as on a crash of the host's processes.
    const hook = (JSON.parse(readFileSync(join(wrapper!.dir, 'started.json'), 'utf8')) as { pid: number }).pid;
    process.kill(wrapper!.pid, 'SIGKILL');
    process.kill(-hook, 'SIGKILL');

    const outcome = await driver.outcome(job);
    expect(outcome).toMatch(/^failed: init\//);
    const failedJob = await driver.reads.job(job.jobId);
    expect(failedJob.failure).toMatchObject({ code: 'AGENT.COMMAND_INTERRUPTED' });
    const [task] = (await harness.db.dataSource.query(`SELECT attempts FROM cluster.tasks WHERE job_id = $1 AND status = 'failed'`, [job.jobId])) as Array<{ attempts: number }>;
    expect(task?.attempts).toBe(1);

    writeFileSync(gate, 'open\n');
    const retried = await retryClusterJob({ temporal: harness.env.client, reads: driver.reads, events: new ClusterEventStore(harness.db.dataSource) }, job.jobId, 'usr-admin');
    expect(await driver.outcome({ ...job, runId: retried.runId })).toBe('successful');
  });

  it('a cancelled job waits for its command in flight, and records it failed when its runner vanishes', async () => {
    const gate = join(mkdtempSync(join(tmpdir(), 'pitrix-gate-')), 'open');
    const job = await driver.createFrom(gatedInit, { cluster: { name: 'gated-cancelled' }, env: { gate } });
    let wrapper: ReturnType<typeof wrapperRunning>;
    await expect.poll(() => (wrapper = wrapperRunning(harness.localRoot, job.jobId, 'hook.sh init')), { timeout: 60_000, interval: 200 }).toBeDefined();
    const workflow = harness.env.client.workflow.getHandle(job.workflowId, job.runId);
    await workflow.cancel();
    const initTask = async () => (await driver.reads.tasks(job.jobId)).find((task) => task.taskId.startsWith('init/'));
    // Cancelled, the job still waits for the command on the node: nothing it started outlives it.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await workflow.describe()).status.name).toBe('RUNNING');
    expect(await initTask()).toMatchObject({ status: 'running' });

    const hook = (JSON.parse(readFileSync(join(wrapper!.dir, 'started.json'), 'utf8')) as { pid: number }).pid;
    process.kill(wrapper!.pid, 'SIGKILL');
    process.kill(-hook, 'SIGKILL');
    await expect(workflow.result()).rejects.toMatchObject({ cause: { name: 'CancelledFailure' } });
    expect(await driver.reads.job(job.jobId)).toMatchObject({ status: 'cancelled' });
    expect(await initTask()).toMatchObject({ status: 'failed', failure: { code: 'AGENT.COMMAND_INTERRUPTED' } });
  });
});
