import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, startApi } from '../src/index.js';
import { ACCEPTED, clusterCalls, testPackage, type AcceptedJobView } from './support/clusters.js';

interface GateTaskView {
  id: string;
  type: string;
  nodeId: string | null;
  status: string;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
}

interface GateJobView {
  status: string;
  rollbackStatus: string | null;
  failedTaskId: string | null;
  failure: { code: string; message: string; exitCode: number | null } | null;
  layers: Array<{ tasks: GateTaskView[] }>;
}

interface NodeView {
  id: string;
  serverId: number;
  instanceId: string;
}

const UPGRADE = `mutation($id: ID!, $input: UpgradeClusterInput!) { upgradeCluster(id: $id, input: $input) { ${ACCEPTED} } }`;

describe('health-gated upgrades, on real drones', () => {
  let api: ApiHarness;
  let calls: ReturnType<typeof clusterCalls>;
  let clusterId: string;

  const cluster = async () =>
    (await calls.call<{ cluster: { status: string; versionId: string; nodes: NodeView[] } }>(`query($id: ID!) { cluster(id: $id) { status versionId nodes { id serverId instanceId } } }`, { id: clusterId })).cluster;
  const gateJob = async (id: string) =>
    (
      await calls.call<{ job: GateJobView }>(
        `query($id: ID!) { job(id: $id) { status rollbackStatus failedTaskId failure { code message exitCode } layers { tasks { id type nodeId status attempts startedAt finishedAt } } } }`,
        { id },
      )
    ).job;
  const tasksOf = (job: GateJobView) => job.layers.flatMap((layer) => layer.tasks);
  /** The local provider's record of an instance: its status and the process running it. */
  const instance = (instanceId: string) => {
    const record = JSON.parse(readFileSync(join(api.localRoot, 'instances', instanceId, 'instance.json'), 'utf8')) as { status: string; process?: { pid: number } };
    return { status: record.status, pid: record.process?.pid };
  };
  /** The hook runs a node recorded (`<hook> <version>`), in order. */
  const hookRuns = (instanceId: string) => {
    const log = join(api.localRoot, 'instances', instanceId, 'disk', 'hooks.log');
    return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  };
  const upgrade = async (version: string) =>
    (await calls.call<{ upgradeCluster: AcceptedJobView }>(UPGRADE, { id: clusterId, input: { packageUrl: testPackage(`gated-upgrade-${version}`), canary: 1, maxInFlight: 1, atomic: true } })).upgradeCluster;

  beforeAll(async () => {
    api = await startApiHarness('api_upgrade_gate', { startApi, apiUrl }, { agents: 'built', monitorAgents: true });
    calls = clusterCalls(api);
  });
  afterAll(() => api?.close());

  it('creates three nodes of 1.0.0, whose check passes', { timeout: 240_000 }, async () => {
    const runtimeId = await calls.createRuntime('gated-upgrade', { networks: ['gated-upgrade'] });
    // Healing off: the nodes fail the 2.0.0 check while its gate lets checks run, and only the
    // jobs under test may act on them.
    const accepted = (
      await calls.call<{ createCluster: AcceptedJobView }>(`mutation($input: CreateClusterInput!) { createCluster(input: $input) { ${ACCEPTED} } }`, {
        input: { packageUrl: testPackage('gated-upgrade-1.0.0'), runtimeId, values: { cluster: { name: 'gated' } }, healing: { enabled: false } },
      })
    ).createCluster;
    clusterId = accepted.clusterId;
    expect((await calls.settled(accepted.jobId)).status).toBe('successful');
    expect(await cluster()).toMatchObject({ status: 'active', versionId: 'appv-gated-upgrade-1.0.0', nodes: [{}, {}, {}] });
    const health = async () => (await calls.call<{ cluster: { health: { status: string } } }>(`query($id: ID!) { cluster(id: $id) { health { status } } }`, { id: clusterId })).cluster.health.status;
    await expect.poll(health, { timeout: 60_000, interval: 500 }).toBe('healthy');
  });

  it('a canary failing its health check fails the upgrade at its gate, the other nodes untouched; atomic rolls it back', { timeout: 240_000 }, async () => {
    const before = await cluster();
    expect(before).toMatchObject({ status: 'active', versionId: 'appv-gated-upgrade-1.0.0' });
    expect(before.nodes).toHaveLength(3);
    const instancesBefore = new Map(before.nodes.map((node) => [node.id, instance(node.instanceId)]));
    const runsBefore = new Map(before.nodes.map((node) => [node.id, hookRuns(node.instanceId)]));

    const accepted = await upgrade('2.0.0');
    const done = await calls.settled(accepted.jobId);
    expect(done.status).toBe('failed');
    expect(done.failedTaskId).toBe('waitHealthy/1');
    expect(done.failure).toMatchObject({ code: 'CLUSTER.UNHEALTHY_BATCH', exitCode: 1 });
    await expect.poll(async () => (await gateJob(accepted.jobId)).rollbackStatus, { timeout: 120_000, interval: 500 }).toBe('successful');

    const job = await gateJob(accepted.jobId);
    const tasks = tasksOf(job);
    const upgraded = tasks.filter((task) => task.nodeId !== null && task.attempts > 0);
    const canary = [...new Set(upgraded.map((task) => task.nodeId))];
    expect(canary).toHaveLength(1);
    const canaryId = canary[0] as string;
    expect(canaryId).toBe(before.nodes.reduce((first, node) => (node.serverId < first.serverId ? node : first)).id);
    // Its stop, upgrade and start hooks and its instance's restart.
    expect(upgraded.map((task) => task.type).sort()).toEqual(['runCommand', 'runCommand', 'runCommand', 'startInstance', 'stopInstance']);
    expect(job.failure?.message).toContain(canaryId);
    expect(job.failure?.message).toContain('last exit code 1');
    // The canary's gate failed; no task of the later batches ever started.
    expect(tasks.find((task) => task.id === 'waitHealthy/1')).toMatchObject({ status: 'failed' });
    const others = before.nodes.filter((node) => node.id !== canaryId);
    for (const node of others) {
      const theirs = tasks.filter((task) => task.nodeId === node.id);
      expect(theirs.length).toBeGreaterThan(0);
      expect(theirs.filter((task) => task.attempts > 0 || task.startedAt !== null)).toEqual([]);
      expect(instance(node.instanceId)).toEqual(instancesBefore.get(node.id));
      expect(hookRuns(node.instanceId)).toEqual(runsBefore.get(node.id));
    }
    expect(tasks.filter((task) => task.type === 'waitHealthy' && task.id !== 'waitHealthy/1').every((task) => task.attempts === 0)).toBe(true);
    expect(tasks.find((task) => task.id === 'setVersion')).toMatchObject({ attempts: 0 });

    // The rollback undid the canary (restarted it) and left the cluster active on 1.0.0. The job
    // view lists the job's own plan; its rollback's tasks are read from the read model.
    const undone = (await api.db.dataSource.query(`SELECT task_id, type, node_id, status FROM cluster.tasks WHERE job_id = $1 AND rollback ORDER BY layer, task_id`, [accepted.jobId])) as Array<{ task_id: string; type: string; node_id: string | null; status: string }>;
    expect(undone.map((task) => task.task_id)).toEqual(expect.arrayContaining([`undo/stopInstance/${canaryId}`, `undo/startInstance/${canaryId}`]));
    expect(undone.filter((task) => task.status !== 'successful')).toEqual([]);
    expect(new Set(undone.flatMap((task) => (task.node_id ? [task.node_id] : [])))).toEqual(new Set([canaryId]));
    expect(undone.some((task) => task.type === 'waitHealthy')).toBe(false);
    const canaryNode = before.nodes.find((node) => node.id === canaryId) as NodeView;
    expect(instance(canaryNode.instanceId).status).toBe('running');
    expect(instance(canaryNode.instanceId).pid).not.toBe(instancesBefore.get(canaryId)?.pid);
    expect(hookRuns(canaryNode.instanceId).slice(runsBefore.get(canaryId)?.length)).toContain('upgrade 2.0.0');
    expect(await cluster()).toMatchObject({ status: 'active', versionId: 'appv-gated-upgrade-1.0.0' });
  });

  it('a version whose check passes goes through every batch, each after the previous batch’s gate', { timeout: 240_000 }, async () => {
    const accepted = await upgrade('2.1.0');
    const done = await calls.settled(accepted.jobId);
    expect([done.status, done.failure]).toEqual(['successful', null]);
    const tasks = tasksOf(await gateJob(accepted.jobId));
    const gates = tasks.filter((task) => task.type === 'waitHealthy');
    expect(gates.map((gate) => [gate.id, gate.status])).toEqual([
      ['waitHealthy/1', 'successful'],
      ['waitHealthy/2', 'successful'],
      ['waitHealthy/3', 'successful'],
    ]);
    const after = await cluster();
    expect(after).toMatchObject({ status: 'active', versionId: 'appv-gated-upgrade-2.1.0' });
    const byServerId = [...after.nodes].sort((a, b) => a.serverId - b.serverId);
    byServerId.forEach((node, index) => {
      expect(hookRuns(node.instanceId)).toContain('upgrade 2.1.0');
      // Batch n + 1 started once gate n had passed.
      const stopped = tasks.find((task) => task.type === 'stopInstance' && task.nodeId === node.id);
      if (index > 0) expect(Date.parse(stopped?.startedAt as string)).toBeGreaterThanOrEqual(Date.parse(gates[index - 1]?.finishedAt as string));
    });
  });
});
