import { hasErrorCode } from '@pitrix/errors';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@pitrix/testing';
import { startAgentNetwork, type AgentNetwork } from './support/agent-network.js';

describe('a drone killed and restarted in the middle of a command', () => {
  let net: AgentNetwork;

  beforeAll(async () => {
    net = await startAgentNetwork();
    await net.addFrontgate('fg-a');
    await net.addDrone('fg-a', { nodeId: 'cln-crash' });
  });
  afterAll(() => net?.close());

  it('keeps the command running, and a retried runCommand returns its true result without running it twice', async () => {
    const drone = net.drone('cln-crash');
    const marker = join(drone.dataDir, 'runs');
    const command = { id: 'survives-restart', cmd: `echo run >> ${marker}; sleep 3; echo finished; exit 7` };
    const first = net.plane.pilot.runCommand('fg-a', 'cln-crash', command, { unreachableAfterMs: 1_000, pollMs: 500 }).then(
      () => undefined,
      (err: unknown) => err,
    );
    await new Promise((resolve) => setTimeout(resolve, 800));
    await drone.kill();
    expect(hasErrorCode(await first, 'AGENT.DRONE_UNREACHABLE')).toBe(true);
    await drone.start();
    await waitFor('restarted drone', drone, () => net.plane.pilot.pingDrone('fg-a', 'cln-crash', 500));
    const retried = await net.plane.pilot.runCommand('fg-a', 'cln-crash', command);
    expect(retried).toMatchObject({ exitCode: 7, stdoutTail: 'finished\n', interrupted: false });
    expect(readFileSync(marker, 'utf8')).toBe('run\n');
  });

  it('answers a command that finished while the drone was down, from its log, after a restart', async () => {
    const drone = net.drone('cln-crash');
    const marker = join(drone.dataDir, 'runs-2');
    const command = { id: 'finishes-while-down', cmd: `echo run >> ${marker}; sleep 1; echo ok` };
    const running = net.plane.pilot.runCommand('fg-a', 'cln-crash', command, { unreachableAfterMs: 20_000, pollMs: 500 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await drone.kill();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await drone.start();
    const outcome = await running;
    expect(outcome).toMatchObject({ exitCode: 0, stdoutTail: 'ok\n' });
    expect(readFileSync(marker, 'utf8')).toBe('run\n');
  });
});
