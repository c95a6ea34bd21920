import { hasErrorCode } from '@pitrix/errors';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { limitEnforcement, parseLocalOptions } from '../src/index.js';
import { standInAgent, standInProvider } from './support.js';

/** True when the process has exited (a zombie waiting to be reaped counts as gone). */
function gone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

function readLine(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => resolve(data.trim()));
    socket.on('error', reject);
  });
}

describe('local runtime options', () => {
  it.each([
    ['an unknown option', { colour: 'blue' }, 'options.colour'],
    ['a bad zone name', { zones: ['Zone A'] }, 'options.zones[0]'],
    ['an empty network list', { networks: [] }, 'options.networks'],
    ['isolation not boolean', { isolateNetworks: 'yes' }, 'options.isolateNetworks'],
    ['a negative quota', { quota: { cpu: -1 } }, 'options.quota.cpu'],
    ['an unknown quota', { quota: { gpus: 1 } }, 'options.quota.gpus'],
    ['simulation not boolean', { simulateDrones: 1 }, 'options.simulateDrones'],
    ['a fractional command time', { simulatedCommandMs: 2.5 }, 'options.simulatedCommandMs'],
    ['a command time over ten minutes', { simulatedCommandMs: 600_001 }, 'options.simulatedCommandMs'],
  ])('rejects %s with RUNTIME.OPTIONS_INVALID and its path', (_case, options, path) => {
    let error: unknown;
    try {
      parseLocalOptions(options);
    } catch (err) {
      error = err;
    }
    expect(hasErrorCode(error, 'RUNTIME.OPTIONS_INVALID')).toBe(true);
    expect((error as { problems: Array<{ path: string }> }).problems.map((p) => p.path)).toContain(path);
  });

  it('defaults to one zone and one shared network', () => {
    expect(parseLocalOptions({})).toMatchObject({ zones: ['local'], networks: ['default'], simulateDrones: false, simulatedCommandMs: 100 });
    // Unset: each instance gets its own network namespace where the machine allows it (networks.ts).
    expect(parseLocalOptions({}).isolateNetworks).toBeUndefined();
  });
});

describe('local instances', () => {
  const { config, provider, cleanup } = standInProvider();
  const context = { runtimeId: 'rt-local', credential: undefined, zone: 'local', options: {} };
  afterAll(async () => {
    const session = await provider.connect(context);
    for (const instance of (await session.describeInstances({})).instances) await session.terminateInstance(instance.id);
    cleanup();
  });

  it('two instances serve on the same port without colliding: each has its own private address', async () => {
    const session = await provider.connect(context);
    const { networkId } = await session.placeCluster({});
    const agent = standInAgent('drone', { STAND_IN_PORT: '7777' });
    const [a, b] = await Promise.all(
      ['a', 'b'].map((name) => session.runInstance({ clientToken: `task-port-${name}`, name, cpu: 1, memoryMiB: 128, networkId, agent })),
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await readLine(a!.instance.privateIp, 7777)).toBe(a!.instance.id);
    expect(await readLine(b!.instance.privateIp, 7777)).toBe(b!.instance.id);
  });

  it('gives the agent its identity: instance id, private address and data folder', async () => {
    const session = await provider.connect(context);
    const { networkId } = await session.placeCluster({});
    const { instance } = await session.runInstance({ clientToken: 'task-identity', name: 'identity', cpu: 1, memoryMiB: 128, networkId, agent: standInAgent() });
    await new Promise((r) => setTimeout(r, 300));
    const started = JSON.parse(readFileSync(join(config.root, 'instances', instance.id, 'disk', 'agent-started.json'), 'utf8')) as { ip: string };
    expect(started.ip).toBe(instance.privateIp);
  });

  it('restarts an agent that dies, as a machine\'s init system would, and stops it for good on stop', async () => {
    const session = await provider.connect(context);
    const { networkId } = await session.placeCluster({});
    const { instance } = await session.runInstance({ clientToken: 'task-supervised', name: 'supervised', cpu: 1, memoryMiB: 128, networkId, agent: standInAgent() });
    const supervisor = (JSON.parse(readFileSync(join(config.root, 'instances', instance.id, 'instance.json'), 'utf8')) as { process: { pid: number } }).process.pid;
    const agentPid = () => Number(readFileSync(`/proc/${supervisor}/task/${supervisor}/children`, 'utf8').trim().split(/\s+/)[0] ?? 0);
    await expect.poll(agentPid, { timeout: 5_000 }).toBeGreaterThan(0);
    const first = agentPid();
    process.kill(first, 'SIGKILL');
    await expect.poll(agentPid, { timeout: 5_000 }).not.toBe(first);
    expect(agentPid()).toBeGreaterThan(0);
    expect((await session.describeInstances({ instanceIds: [instance.id] })).instances[0]?.status).toBe('running');
    const second = agentPid();
    await session.stopInstance(instance.id);
    expect(gone(second)).toBe(true);
    expect(gone(supervisor)).toBe(true);
  });

  it('resize changes the recorded size and, where the machine allows, the cgroup limits', async () => {
    const session = await provider.connect(context);
    const { networkId } = await session.placeCluster({});
    const { instance } = await session.runInstance({ clientToken: 'task-resize', name: 'resize', cpu: 1, memoryMiB: 256, networkId, agent: standInAgent() });
    await session.resizeInstance({ instanceId: instance.id, cpu: 2, memoryMiB: 384 });
    const enforcement = limitEnforcement();
    if (enforcement.mechanism === 'cgroup-v1') {
      const memory = readFileSync(`/sys/fs/cgroup/memory/pitrix/${instance.id}/memory.limit_in_bytes`, 'utf8').trim();
      const quota = readFileSync(`/sys/fs/cgroup/cpu/pitrix/${instance.id}/cpu.cfs_quota_us`, 'utf8').trim();
      expect(memory).toBe(String(384 * 1024 * 1024));
      expect(quota).toBe('200000');
    } else {
      expect(enforcement.reason).toBeTruthy();
    }
  });
});
