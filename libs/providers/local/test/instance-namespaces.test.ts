import type { Instance, ProviderSession } from '@pitrix/provider-contract';
import { describeWithNetworkNamespaces } from '@pitrix/testing/network-namespace-suite';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { standInAgent, standInProvider } from './support.js';

const run = promisify(execFile);

// As root this runs on the machine's namespaces; otherwise the file runs again, as root, inside a
// user namespace (describeWithNetworkNamespaces), so namespaces are tested either way.
describeWithNetworkNamespaces('local instances in their own network namespaces', { testFile: __filename, timeoutMs: 150_000 }, () => {
  const { config, provider, cleanup } = standInProvider();
  const contextOf = (runtimeId: string, options: Record<string, unknown> = {}) => ({ runtimeId, credential: undefined, zone: 'local', options });
  const sessions: ProviderSession[] = [];
  const children: ChildProcess[] = [];
  const servers: Server[] = [];
  let session: ProviderSession;
  let networkId: string;
  let frontgateHost: string;

  const namespaceOf = (instance: Instance) => (JSON.parse(readFileSync(join(config.root, 'instances', instance.id, 'instance.json'), 'utf8')) as { namespace?: string }).namespace;
  const runDrone = (name: string, target = session, network = networkId) =>
    target.runInstance({ clientToken: `task-ns-${name}`, name, cpu: 1, memoryMiB: 128, networkId: network, agent: standInAgent() }).then((result) => result.instance);
  /** Starts `command` inside a namespace, killed when the file ends. */
  const startIn = (namespace: string, command: string, args: string[]) => {
    const child = spawn('ip', ['netns', 'exec', namespace, command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    return child;
  };
  const nodeIn = (namespace: string, script: string) => run('ip', ['netns', 'exec', namespace, process.execPath, '-e', script], { timeout: 10_000 });

  beforeAll(async () => {
    session = await provider.connect(contextOf('rt-first'));
    sessions.push(session);
    ({ networkId, frontgateHost } = await session.placeCluster({}));
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    for (const server of servers) server.close();
    for (const open of sessions) {
      for (const instance of (await open.describeInstances({})).instances) await open.terminateInstance(instance.id);
    }
    cleanup();
  });

  it('a drone runs in its own namespace, reaches its frontgate address and nothing on the host loopback', async () => {
    const drone = await runDrone('isolated');
    const namespace = namespaceOf(drone);
    expect(namespace).toMatch(/^pxi-[0-9a-f]{12}$/);
    expect(drone.privateIp).toMatch(/^10\.231\.\d+\.\d+$/);
    const gateway = await listen(frontgateHost);
    const hub = await listen('127.0.0.1');
    const probe = (host: string, port: number) =>
      nodeIn(namespace!, `require('net').connect(${port}, '${host}').on('connect', () => process.exit(0)).on('error', () => process.exit(3)); setTimeout(() => process.exit(4), 2000)`).then(
        () => 'reached',
        () => 'unreachable',
      );
    expect(await probe(frontgateHost, portOf(gateway))).toBe('reached');
    expect(await probe('127.0.0.1', portOf(hub))).toBe('unreachable');
  });

  it('a connection between two instances comes from the private address of the one that dials', async () => {
    const [server, client] = [await runDrone('peer-server'), await runDrone('peer-client')];
    const listener = startIn(namespaceOf(server)!, process.execPath, [
      '-e',
      `require('net').createServer((s) => { console.log(s.remoteAddress); process.exit(0); }).listen(7801, '${server.privateIp}', () => console.log('listening'))`,
    ]);
    const seen = lines(listener);
    expect(await seen.next()).toBe('listening');
    await nodeIn(namespaceOf(client)!, `require('net').connect(7801, '${server.privateIp}').on('connect', () => process.exit(0))`);
    expect(await seen.next()).toBe(client.privateIp);
  });

  it('a Redis replica is seen by its primary at the replica\'s private address', async () => {
    const [primary, replica] = [await runDrone('redis-primary'), await runDrone('redis-replica')];
    const redis = (instance: Instance, extra: string[]) =>
      startIn(namespaceOf(instance)!, 'redis-server', ['--bind', instance.privateIp, '--port', '6390', '--save', '', '--appendonly', 'no', '--protected-mode', 'no', ...extra]);
    redis(primary, []);
    redis(replica, ['--replicaof', primary.privateIp, '6390']);
    // The host reaches every instance through the bridge, as an operator's machine reaches a VPC.
    const replicas = async () => (await run('redis-cli', ['-h', primary.privateIp, '-p', '6390', 'info', 'replication']).catch(() => ({ stdout: '' }))).stdout;
    await expect.poll(replicas, { timeout: 20_000, interval: 250 }).toMatch(/^slave0:ip=/m);
    expect(/^slave0:ip=([^,]+),/m.exec(await replicas())?.[1]).toBe(replica.privateIp);
  });

  it('two runtimes have their own bridges and frontgate addresses, and each frontgate can bind its own', async () => {
    const second = await provider.connect(contextOf('rt-second'));
    sessions.push(second);
    const placement = await second.placeCluster({});
    expect(placement.networkId).toBe(networkId);
    expect(placement.frontgateHost).not.toBe(frontgateHost);
    const [a, b] = [await listen(frontgateHost, 4222), await listen(placement.frontgateHost, 4222)];
    expect([portOf(a), portOf(b)]).toEqual([4222, 4222]);
    const drone = await runDrone('second-runtime', second, placement.networkId);
    expect(drone.privateIp.split('.').slice(0, 3)).toEqual(placement.frontgateHost.split('.').slice(0, 3));
  });

  it('terminating an instance removes its namespace and frees its address for the next one', async () => {
    const first = await runDrone('recycled-1');
    const namespace = namespaceOf(first)!;
    await session.terminateInstance(first.id);
    expect(existsSync(`/run/netns/${namespace}`)).toBe(false);
    const next = await runDrone('recycled-2');
    expect(next.privateIp).toBe(first.privateIp);
  });

  it('releasing a retired runtime\'s placements deletes its bridge and frees its lease', async () => {
    const retired = await provider.connect(contextOf('rt-retired'));
    const placement = await retired.placeCluster({});
    const index = Number(placement.frontgateHost.split('.')[2]);
    const bridgeExists = () => run('ip', ['link', 'show', 'dev', `pxb${index}`]).then(() => true, () => false);
    expect(await bridgeExists()).toBe(true);
    await retired.terminateInstance((await runDrone('retired', retired, placement.networkId)).id);
    await retired.releasePlacements();
    expect(await bridgeExists()).toBe(false);
    expect(existsSync(join(tmpdir(), 'pitrix-local-addresses', `bridge-${index}`))).toBe(false);
    await retired.releasePlacements();
  });

  it('isolateNetworks: false keeps a runtime\'s instances on loopback aliases, without namespaces', async () => {
    const loopback = await provider.connect(contextOf('rt-loopback', { isolateNetworks: false }));
    sessions.push(loopback);
    const placement = await loopback.placeCluster({});
    const drone = await runDrone('loopback', loopback, placement.networkId);
    expect(placement.frontgateHost).toMatch(/^127\.31\./);
    expect(drone.privateIp).toMatch(/^127\.31\./);
    expect(namespaceOf(drone)).toBeUndefined();
  });

  function listen(host: string, port = 0): Promise<Server> {
    return new Promise((resolve, reject) => {
      const server = createServer((socket) => socket.end());
      servers.push(server);
      server.once('error', reject);
      server.listen(port, host, () => resolve(server));
    });
  }
});

function portOf(server: Server): number {
  return (server.address() as { port: number }).port;
}

/** The output lines of a child, one `next()` at a time. */
function lines(child: ChildProcess): { next(): Promise<string> } {
  const queue: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    partial += chunk.toString();
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) (waiting.shift() ?? ((l: string) => queue.push(l)))(line);
  });
  return { next: () => new Promise((resolve) => (queue.length > 0 ? resolve(queue.shift() as string) : waiting.push(resolve))) };
}
