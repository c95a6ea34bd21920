import { testServicesInUserNamespace } from '@pitrix/testing';
import { describeWithNetworkNamespaces } from '@pitrix/testing/network-namespace-suite';
import { execFile } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ClusterDriver } from './support/cluster-harness.js';
import { redisCli } from './support/redis.js';
import { startE2eStack, type E2eStack } from './support/e2e-stack.js';
import type { WorkerHarness } from './support/worker-harness.js';

const run = promisify(execFile);

/** Tries a TCP connection from inside network namespace `namespace`. */
function probe(namespace: string, host: string, port: number): Promise<'reached' | 'unreachable'> {
  const script = `require('net').connect(${port}, '${host}').on('connect', () => process.exit(0)).on('error', () => process.exit(3)); setTimeout(() => process.exit(4), 2000)`;
  return run('ip', ['netns', 'exec', namespace, process.execPath, '-e', script]).then(
    () => 'reached',
    () => 'unreachable',
  );
}

// As root this runs on the machine's namespaces; otherwise the file runs again, as root, inside a
// user namespace with the shared Temporal server and PostgreSQL relayed in (describeWithNetworkNamespaces).
describeWithNetworkNamespaces('an isolated network with real agents: each node in its own namespace, reaching its frontgate and its peers only', { testFile: __filename, timeoutMs: 420_000, inner: testServicesInUserNamespace }, () => {
  let stack: E2eStack;
  let harness: WorkerHarness;
  let driver: ClusterDriver;

  beforeAll(async () => {
    stack = await startE2eStack('isolated_network', { runtimeOptions: { isolateNetworks: true, networks: ['iso'] }, monitorAgents: false });
    ({ harness, driver } = stack);
  });
  afterAll(() => stack?.close());

  it('creates a cluster whose drones run in their own namespaces, talk to the platform only through the frontgate, and cannot reach the hub', async () => {
    const job = await driver.create('kv-store', { cluster: { name: 'iso', replica: { count: 1 } }, env: { requirepass: 'iso-pass-1' } });
    expect(await driver.outcome(job)).toBe('successful');
    const cluster = await driver.reads.cluster(job.clusterId);
    const nodes = await driver.reads.nodes(job.clusterId);
    const recordOf = (instanceId: string) => JSON.parse(readFileSync(join(harness.localRoot, 'instances', instanceId, 'instance.json'), 'utf8')) as { process: { pid: number }; namespace: string };

    // Every drone process is inside a namespace of its own; the frontgate is on the host.
    const ours = readlinkSync('/proc/self/ns/net');
    const namespacesSeen = new Set<string>();
    for (const node of nodes) {
      const supervisor = recordOf(node.instanceId!).process.pid;
      const agent = Number(readFileSync(`/proc/${supervisor}/task/${supervisor}/children`, 'utf8').trim().split(/\s+/)[0]);
      namespacesSeen.add(readlinkSync(`/proc/${agent}/ns/net`));
    }
    expect(namespacesSeen.size).toBe(nodes.length);
    expect(namespacesSeen.has(ours)).toBe(false);
    const namespace = recordOf(nodes[0]!.instanceId!).namespace;

    // The replica's connection to the primary comes from the replica's own private address.
    const primary = nodes.find((node) => node.role === 'primary')!;
    const replica = nodes.find((node) => node.role === 'replica')!;
    const replication = await redisCli(primary.privateIp!, 6380, 'iso-pass-1', 'info', 'replication');
    expect(/^slave0:ip=([^,]+),/m.exec(replication)?.[1]).toBe(replica.privateIp);

    const hubClientPort = Number(new URL(harness.hub.url).port);
    const hubLeafPort = Number(new URL(harness.hub.leafUrl).port);
    expect(await probe(namespace, cluster.frontgateHost!, 4222)).toBe('reached');
    expect(await probe(namespace, '127.0.0.1', hubClientPort)).toBe('unreachable');
    expect(await probe(namespace, '127.0.0.1', hubLeafPort)).toBe('unreachable');
    expect(await probe(namespace, cluster.frontgateHost!, hubClientPort)).toBe('unreachable');

    expect(await driver.outcome(await driver.submit(job.clusterId, { action: 'delete', force: false }))).toBe('successful');
  });
});
