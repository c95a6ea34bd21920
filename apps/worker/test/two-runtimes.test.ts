import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterDriver, type ClusterDriver } from './support/cluster-harness.js';
import { redisCli } from './support/redis.js';
import { startE2eStack, type E2eStack } from './support/e2e-stack.js';

describe('two local runtimes in one installation', () => {
  let stack: E2eStack;
  let first: ClusterDriver;
  let second: ClusterDriver;

  beforeAll(async () => {
    stack = await startE2eStack('two_runtimes', { monitorAgents: false });
    first = stack.driver;
    second = await clusterDriver(stack.harness);
  });
  afterAll(() => stack?.close());

  it('each deploy a cluster at the same time, behind frontgates of their own', async () => {
    const values = (name: string) => ({ cluster: { name, replica: { count: 0 } }, env: { requirepass: `${name}-pass-1` } });
    const [a, b] = await Promise.all([first.create('kv-store', values('first')), second.create('kv-store', values('second'))]);
    expect(await Promise.all([first.outcome(a), second.outcome(b)])).toEqual(['successful', 'successful']);
    const [clusterA, clusterB] = [await first.reads.cluster(a.clusterId), await second.reads.cluster(b.clusterId)];
    expect(clusterA.frontgateId).not.toBe(clusterB.frontgateId);
    expect(clusterA.frontgateHost).not.toBe(clusterB.frontgateHost);
    for (const [driver, job, name] of [[first, a, 'first'], [second, b, 'second']] as const) {
      const [node] = await driver.reads.nodes(job.clusterId);
      expect(await redisCli(node!.privateIp!, 6380, `${name}-pass-1`, 'ping')).toBe('PONG');
    }
  });
});
