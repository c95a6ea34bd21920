import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentNetwork, type AgentNetwork } from './support/agent-network.js';

describe('a long command across a leaf link that is cut for 10 s', () => {
  let net: AgentNetwork;

  beforeAll(async () => {
    net = await startAgentNetwork();
    await net.addFrontgate('fg-a');
    await net.addDrone('fg-a', { nodeId: 'cln-long' });
  });
  afterAll(() => net?.close());

  it('finishes while the link is down and is reported exactly once when it is back', async () => {
    const marker = join(net.drone('cln-long').dataDir, 'runs');
    const progress: number[] = [];
    const running = net.plane.pilot.runCommand(
      'fg-a',
      'cln-long',
      { id: 'long-across-cut', cmd: `echo start >> ${marker}; sleep 6; echo done` },
      { unreachableAfterMs: 30_000, pollMs: 1_000, onProgress: () => progress.push(Date.now()) },
    );
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(progress.length).toBeGreaterThan(0);
    const link = net.links.get('fg-a')!;
    link.cut();
    const cutAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const whileCut = await net.plane.pilot.pingFrontgate('fg-a', 500).then(() => 'reachable', (err: { code?: string }) => err.code);
    expect(whileCut).toBe('AGENT.FRONTGATE_UNREACHABLE');
    await new Promise((resolve) => setTimeout(resolve, cutAt + 10_000 - Date.now()));
    link.restore();
    const outcome = await running;
    expect(outcome).toMatchObject({ exitCode: 0, stdoutTail: 'done\n', interrupted: false, timedOut: false });
    expect(Date.parse(outcome.finishedAt)).toBeLessThan(cutAt + 10_000);
    expect(readFileSync(marker, 'utf8')).toBe('start\n');
    const again = await net.plane.pilot.runCommand('fg-a', 'cln-long', { id: 'long-across-cut', cmd: `echo start >> ${marker}; sleep 6; echo done` });
    expect(again).toEqual(outcome);
    expect(readFileSync(marker, 'utf8')).toBe('start\n');
  });
});
