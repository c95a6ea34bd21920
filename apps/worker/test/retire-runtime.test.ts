import { INSTANCE_TAGS } from '@pitrix/activities';
import { isInstanceProcessRunning } from '@pitrix/provider-local';
import { RETIRE_RUNTIME_WORKFLOW_TYPE, retireRuntimeWorkflowId, type RetireRuntimeResult } from '@pitrix/workflow-contract';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterDriver } from './support/cluster-harness.js';
import { recordHistory } from './support/histories.js';
import { startE2eStack, type E2eStack } from './support/e2e-stack.js';
import type { WorkerHarness } from './support/worker-harness.js';

interface InstanceRecordView {
  id: string;
  status: string;
  agentKind: string;
  tags: Record<string, string>;
  process?: { pid: number; startTicks: number };
}

describe('retiring a runtime that is being deleted', () => {
  let stack: E2eStack;
  let harness: WorkerHarness;
  let driver: ClusterDriver;
  const frontgateInstances = (): InstanceRecordView[] =>
    readdirSync(join(harness.localRoot, 'instances'))
      .map((id) => JSON.parse(readFileSync(join(harness.localRoot, 'instances', id, 'instance.json'), 'utf8')) as InstanceRecordView)
      .filter((record) => record.agentKind === 'frontgate');
  const retire = async (runId: string): Promise<RetireRuntimeResult> => {
    const workflowId = retireRuntimeWorkflowId(driver.runtimeId);
    const handle = await harness.env.client.workflow.start(RETIRE_RUNTIME_WORKFLOW_TYPE, { taskQueue: harness.taskQueue, workflowId, args: [{ runtimeId: driver.runtimeId }] });
    const result = (await handle.result()) as RetireRuntimeResult;
    await recordHistory(harness.env.client, workflowId, handle.firstExecutionRunId, `retire-runtime.${runId}`);
    return result;
  };

  beforeAll(async () => {
    stack = await startE2eStack('retire_runtime', { runtimeOptions: { simulateDrones: true, simulatedCommandMs: 20 }, monitorAgents: false });
    ({ harness, driver } = stack);
  });
  afterAll(() => stack?.close());

  it('terminates its frontgates, revokes their credentials and releases its networks; a second run finds nothing left to stop', async () => {
    const job = await driver.create('kv-store', { cluster: { name: 'retired' }, env: { requirepass: 'retire-pass-1' } });
    expect(await driver.outcome(job)).toBe('successful');
    for (const operation of [{ action: 'delete' as const, force: false }, { action: 'cease' as const }]) {
      expect(await driver.outcome(await driver.submit(job.clusterId, operation))).toBe('successful');
    }
    const frontgateId = (await driver.reads.cluster(job.clusterId)).frontgateId!;
    const [frontgate] = frontgateInstances();
    expect(frontgate).toMatchObject({ status: 'running', tags: { [INSTANCE_TAGS.frontgate]: frontgateId, [INSTANCE_TAGS.runtime]: driver.runtimeId } });
    expect(isInstanceProcessRunning(frontgate!.process)).toBe(true);
    const networks = join(harness.localRoot, 'networks', driver.runtimeId);
    expect(existsSync(networks)).toBe(true);

    // Histories recorded before networks were released replay as retire-runtime.successful and .nothing-left.
    expect(await retire('released')).toEqual({ frontgateIds: [frontgateId], terminatedInstanceIds: [frontgate!.id] });
    expect(frontgateInstances()).toEqual([expect.objectContaining({ id: frontgate!.id, status: 'terminated' })]);
    await expect.poll(() => isInstanceProcessRunning(frontgate!.process), { timeout: 10_000, interval: 100 }).toBe(false);
    expect((await harness.agents.registry.get(frontgateId)).revokedAt).toEqual(expect.any(String));
    expect(existsSync(networks)).toBe(false);

    expect(await retire('released-nothing-left')).toEqual({ frontgateIds: [frontgateId], terminatedInstanceIds: [] });
  });
});
