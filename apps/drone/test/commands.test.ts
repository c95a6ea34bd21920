import { commandOutcomeError } from '@pitrix/agent-plane';
import { hasErrorCode } from '@pitrix/errors';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentNetwork, type AgentNetwork } from './support/agent-network.js';

/** True when `pid` is a live process (a zombie waiting to be reaped is not). */
function isRunning(pid: number): boolean {
  if (!existsSync(`/proc/${pid}/stat`)) return false;
  const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
  return state !== 'Z';
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

describe('commands through hub → leaf → drone', () => {
  let net: AgentNetwork;

  beforeAll(async () => {
    net = await startAgentNetwork();
    await Promise.all([net.addFrontgate('fg-a'), net.addFrontgate('fg-b')]);
    await Promise.all([
      net.addDrone('fg-a', { nodeId: 'cln-a1', role: 'master', serverId: 3, groupId: 2 }),
      net.addDrone('fg-b', { nodeId: 'cln-b1', clusterId: 'cl-2' }),
    ]);
  });
  afterAll(() => net?.close());

  it('runs a command and returns its exit code, output, sizes and times', async () => {
    const outcome = await net.plane.pilot.runCommand('fg-a', 'cln-a1', { id: 'round-trip', cmd: 'echo hello; echo oops >&2; exit 0' });
    expect(outcome).toMatchObject({ commandId: 'round-trip', exitCode: 0, timedOut: false, interrupted: false, stdoutTail: 'hello\n', stderrTail: 'oops\n', stdoutSize: 6, stderrSize: 5 });
    expect(Date.parse(outcome.finishedAt)).toBeGreaterThanOrEqual(Date.parse(outcome.startedAt));
  });

  it("gives every command its node's identity, the service and its parameters, in the data folder", async () => {
    const drone = net.drone('cln-a1');
    const outcome = await net.plane.pilot.runCommand('fg-a', 'cln-a1', {
      id: 'identity',
      cmd: 'env | grep ^PITRIX_ | sort; pwd',
      service: 'init',
      serviceParams: { size: 3 },
      env: { EXTRA: 'yes', PITRIX_NODE_ID: 'spoofed' },
    });
    const lines = outcome.stdoutTail.trim().split('\n');
    expect(lines).toEqual([
      'PITRIX_CLUSTER_ID=cl-1',
      `PITRIX_DATA_DIR=${drone.dataDir}`,
      'PITRIX_GROUP_ID=2',
      `PITRIX_METADATA_URL=${drone.metadataUrl}`,
      'PITRIX_NODE_ID=cln-a1',
      'PITRIX_PRIVATE_IP=127.0.0.1',
      'PITRIX_ROLE=master',
      'PITRIX_SERVER_ID=3',
      'PITRIX_SERVICE=init',
      'PITRIX_SERVICE_PARAMS={"size":3}',
      drone.dataDir,
    ]);
    const env = await net.plane.pilot.runCommand('fg-a', 'cln-a1', { id: 'no-secrets', cmd: 'env' });
    expect(env.stdoutTail).not.toContain('PITRIX_DRONE_SEED');
    expect(env.stdoutTail).not.toMatch(/SU[A-Z2-7]{56}/);
  });

  it('runs a command id exactly once: a repeat returns the stored result without running it again', async () => {
    const marker = join(net.drone('cln-a1').dataDir, 'ran-once');
    const command = { id: 'once', cmd: `echo run >> ${marker}; date +%s%N` };
    const first = await net.plane.pilot.runCommand('fg-a', 'cln-a1', command);
    const again = await net.plane.pilot.runCommand('fg-a', 'cln-a1', command);
    expect(again).toEqual(first);
    expect(readFileSync(marker, 'utf8')).toBe('run\n');
  });

  it('refuses a known id with another command line', async () => {
    const err = await errorOf(net.plane.pilot.runCommand('fg-a', 'cln-a1', { id: 'once', cmd: 'echo other' }));
    expect(hasErrorCode(err, 'AGENT.COMMAND_INVALID')).toBe(true);
  });

  it('reports a failing command with its exit code as AGENT.COMMAND_FAILED', async () => {
    const outcome = await net.plane.pilot.runCommand('fg-a', 'cln-a1', { id: 'fails', cmd: 'echo broken >&2; exit 3' });
    expect(outcome.exitCode).toBe(3);
    const error = commandOutcomeError(outcome, 'cln-a1');
    expect(error?.code).toBe('AGENT.COMMAND_FAILED');
    expect(error?.message).toContain('exit code 3');
    expect(error?.message).toContain('broken');
  });

  it('kills the whole process group at the timeout', async () => {
    const pidFile = join(net.drone('cln-a1').dataDir, 'child.pid');
    const started = Date.now();
    const outcome = await net.plane.pilot.runCommand('fg-a', 'cln-a1', { id: 'too-slow', cmd: `sleep 60 & echo $! > ${pidFile}; wait`, timeoutSeconds: 1 });
    expect(outcome.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(commandOutcomeError(outcome, 'cln-a1')?.code).toBe('AGENT.COMMAND_TIMED_OUT');
    const child = Number(readFileSync(pidFile, 'utf8'));
    expect(isRunning(child)).toBe(false);
  });

  it('runs as the requested user', async () => {
    const outcome = await net.plane.pilot.runCommand('fg-a', 'cln-a1', { id: 'as-nobody', cmd: 'id -un; echo $HOME', user: 'nobody' });
    expect(outcome.stdoutTail.split('\n')[0]).toBe('nobody');
    expect(outcome.exitCode).toBe(0);
  });

  it('refuses an unknown user without running anything', async () => {
    const err = await errorOf(net.plane.pilot.runCommand('fg-a', 'cln-a1', { id: 'no-such-user', cmd: 'true', user: 'no-such-user-here' }));
    expect(hasErrorCode(err, 'AGENT.COMMAND_INVALID')).toBe(true);
  });

  it('reports a node without a drone as AGENT.DRONE_UNREACHABLE after the grace period', async () => {
    const started = Date.now();
    const err = await errorOf(net.plane.pilot.runCommand('fg-a', 'cln-nobody', { id: 'lost', cmd: 'true' }, { unreachableAfterMs: 1_000 }));
    expect(hasErrorCode(err, 'AGENT.DRONE_UNREACHABLE')).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("reaches a drone of frontgate B while frontgate A's leaf link is cut", async () => {
    net.links.get('fg-a')!.cut();
    try {
      const outcome = await net.plane.pilot.runCommand('fg-b', 'cln-b1', { id: 'b-while-a-cut', cmd: 'echo $PITRIX_NODE_ID' });
      expect(outcome.stdoutTail).toBe('cln-b1\n');
      const err = await errorOf(net.plane.pilot.runCommand('fg-a', 'cln-a1', { id: 'a-while-cut', cmd: 'true' }, { unreachableAfterMs: 500 }));
      expect(hasErrorCode(err, 'AGENT.DRONE_UNREACHABLE')).toBe(true);
    } finally {
      net.links.get('fg-a')!.restore();
    }
  });
});
