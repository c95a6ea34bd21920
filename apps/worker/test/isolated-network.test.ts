import { removeNamespace } from '@pitrix/provider-local';
import { describeWithNetworkNamespaces, testServicesInUserNamespace } from '@pitrix/testing';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ClusterDriver } from './support/cluster-harness.js';
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
describeWithNetworkNamespaces('an isolated network with real agents: drones reach their frontgate and nothing else', { testFile: __filename, timeoutMs: 420_000, inner: testServicesInUserNamespace }, () => {
  let stack: E2eStack;
  let harness: WorkerHarness;
  let driver: ClusterDriver;
  let namespaceIndex: number | undefined;

  beforeAll(async () => {
    stack = await startE2eStack('isolated_network', { runtimeOptions: { isolateNetworks: true, networks: ['iso'] }, monitorAgents: false });
    ({ harness, driver } = stack);
  });
  afterAll(async () => {
    await stack?.close();
    if (namespaceIndex !== undefined) await removeNamespace(namespaceIndex);
  });

  it('creates a cluster whose drones run in the namespace, talk to the platform only through the frontgate, and cannot reach the hub', async () => {
    const job = await driver.create('kv-store', { cluster: { name: 'iso', replica: { count: 1 } }, env: { requirepass: 'iso-pass-1' } });
    expect(await driver.outcome(job)).toBe('successful');
    const cluster = await driver.reads.cluster(job.clusterId);
    const networkFile = readdirSync(join(harness.localRoot, 'networks')).find((name) => name.endsWith('.json'))!;
    namespaceIndex = (JSON.parse(readFileSync(join(harness.localRoot, 'networks', networkFile), 'utf8')) as { index: number }).index;
    const namespace = `px${namespaceIndex}`;

    // Every drone process is inside the namespace; the frontgate is on the host.
    const ours = readlinkSync('/proc/self/ns/net');
    for (const node of await driver.reads.nodes(job.clusterId)) {
      const supervisor = (JSON.parse(readFileSync(join(harness.localRoot, 'instances', node.instanceId!, 'instance.json'), 'utf8')) as { process: { pid: number } }).process.pid;
      const agent = Number(readFileSync(`/proc/${supervisor}/task/${supervisor}/children`, 'utf8').trim().split(/\s+/)[0]);
      expect(readlinkSync(`/proc/${agent}/ns/net`)).not.toBe(ours);
    }

    const hubClientPort = Number(new URL(harness.hub.url).port);
    const hubLeafPort = Number(new URL(harness.hub.leafUrl).port);
    expect(await probe(namespace, cluster.frontgateHost!, 4222)).toBe('reached');
    expect(await probe(namespace, '127.0.0.1', hubClientPort)).toBe('unreachable');
    expect(await probe(namespace, '127.0.0.1', hubLeafPort)).toBe('unreachable');
    expect(await probe(namespace, cluster.frontgateHost!, hubClientPort)).toBe('unreachable');

    expect(await driver.outcome(await driver.submit(job.clusterId, { action: 'delete', force: false }))).toBe('successful');
  });
});
