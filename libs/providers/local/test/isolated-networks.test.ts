import { describeWithNetworkNamespaces } from '@pitrix/testing';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { removeNamespace } from '../src/index.js';
import { standInAgent, standInProvider } from './support.js';

const run = promisify(execFile);

// As root this runs on the machine's namespaces; otherwise the file runs again, as root, inside a
// user namespace (describeWithNetworkNamespaces), so the isolation is tested either way.
describeWithNetworkNamespaces('isolated networks (network namespaces)', { testFile: __filename, timeoutMs: 120_000 }, () => {
  const { config, provider, cleanup } = standInProvider();
  const context = { credential: undefined, zone: 'local', options: { isolateNetworks: true, networks: ['isolated'] } };
  let gateway: Server | undefined;
  let hub: Server | undefined;
  afterAll(async () => {
    const session = await provider.connect(context);
    for (const instance of (await session.describeInstances({})).instances) await session.terminateInstance(instance.id);
    gateway?.close();
    hub?.close();
    const record = JSON.parse(readFileSync(join(config.root, 'networks', 'net-isolated-iso.json'), 'utf8')) as { index: number };
    await removeNamespace(record.index);
    cleanup();
  });

  it('a drone in the namespace reaches the frontgate address and nothing on the host loopback', async () => {
    const session = await provider.connect(context);
    const placement = await session.placeCluster({});
    hub = await listen('127.0.0.1');
    gateway = await listen(placement.frontgateHost);
    const { instance } = await session.runInstance({ clientToken: 'task-isolated', name: 'isolated', cpu: 1, memoryMiB: 128, networkId: placement.networkId, agent: standInAgent() });
    expect(instance.status).toBe('running');
    const namespace = `px${(JSON.parse(readFileSync(join(config.root, 'networks', `${placement.networkId}.json`), 'utf8')) as { index: number }).index}`;
    const probe = (host: string, port: number) =>
      run('ip', ['netns', 'exec', namespace, process.execPath, '-e', `require('net').connect(${port}, '${host}').on('connect', () => process.exit(0)).on('error', () => process.exit(3)); setTimeout(() => process.exit(4), 2000)`]).then(
        () => 'reached',
        () => 'refused',
      );
    expect(await probe(placement.frontgateHost, (gateway.address() as { port: number }).port)).toBe('reached');
    expect(await probe('127.0.0.1', (hub.address() as { port: number }).port)).toBe('refused');
  });
});

function listen(host: string): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer((socket) => socket.end());
    server.listen(0, host, () => resolve(server));
  });
}
