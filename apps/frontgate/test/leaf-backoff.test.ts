import type { NatsConnection } from '@nats-io/transport-node';
import { createAgentPlane, frontgateClientUrl, type AgentPlane } from '@pitrix/agent-plane';
import { freePort, startProcess, type ManagedProcess } from '@pitrix/devstack';
import { builtAgentEntries, natsServerBinary, startTestDrone, startTestNatsHub, type TestDrone, type TestFrontgate, type TestNatsHub } from '@pitrix/testing';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * Why these bounds. The leaf server is started again 1 s, 2 s, 4 s, 8 s, 16 s ... after each
 * failure (timers never fire early), so its starts are at least 0, 1, 3, 7, 15 and 31 s after the
 * first: in a 20 s window there can be at most 5, whatever the machine's load. At least 4 shows it
 * keeps trying (the 4th is due ~7 s after the first, leaving 13 s of slack on a busy machine).
 * The old frontgate exited at the first failure (its host's wrapper restarted it every second,
 * ~20 starts in this window); its in-process back-off alone (200 ms to 5 s) makes 8.
 */
const WINDOW_MS = 20_000;
const MAX_STARTS = 5;
const MIN_STARTS = 4;
const DELAYS_MS = [1_000, 2_000, 4_000, 8_000];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** When each leaf server started, from nats-server's own log ("[pid] 2026/01/02 03:04:05.678901 [INF] Starting nats-server"). */
function leafStarts(dataDir: string): number[] {
  const log = join(dataDir, 'frontgate/nats-server.log');
  if (!existsSync(log)) return [];
  const starts = [...readFileSync(log, 'utf8').matchAll(/^\[\d+\] (\d+)\/(\d+)\/(\d+) ([\d:.]+) \[INF\] Starting nats-server$/gm)];
  return starts.map(([, y, mo, d, time]) => new Date(`${y}-${mo}-${d}T${time.slice(0, 12)}`).getTime());
}

describe('a frontgate whose leaf address is taken', () => {
  let hub: TestNatsHub;
  let nats: NatsConnection;
  let plane: AgentPlane;
  let squatter: Server | undefined;
  let frontgate: ManagedProcess | undefined;
  let drone: TestDrone | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'pitrix-fg-busy-'));

  beforeAll(async () => {
    hub = await startTestNatsHub();
    nats = await hub.connect();
    plane = await createAgentPlane(nats, hub.natsConfig);
  });
  afterAll(async () => {
    await drone?.stop();
    await frontgate?.stop(5_000);
    // A frontgate that had to be SIGKILLed leaves its server behind.
    const pidFile = join(dataDir, 'frontgate/nats-server.pid');
    if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
    squatter?.close();
    await plane?.close();
    await nats?.close();
    await hub?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('backs off instead of crash-looping, and comes up fully once the address is freed', async () => {
    const host = '127.31.0.2';
    const port = await freePort(host);
    const listen = `${host}:${port}`;
    const taken = createServer((socket) => socket.destroy());
    squatter = taken;
    await new Promise<void>((resolve) => taken.listen(port, host, resolve));
    const bootstrap = await plane.credentials.frontgateBootstrap({ frontgateId: 'fg-busy', listen });
    const env = { PATH: process.env.PATH ?? '', ...bootstrap.env, PITRIX_DATA_DIR: dataDir, PITRIX_NATS_SERVER_BINARY: await natsServerBinary(), PITRIX_FRONTGATE_STATUS_INTERVAL_MS: '1000' };
    const logFile = join(dataDir, 'frontgate.log');
    frontgate = await startProcess({ name: 'frontgate-fg-busy', command: process.execPath, args: [builtAgentEntries().frontgate], logFile, env });

    await sleep(WINDOW_MS);
    expect(frontgate.isAlive()).toBe(true);
    const starts = leafStarts(dataDir);
    const gaps = starts.slice(1).map((at, i) => at - starts[i]);
    console.log(`leaf server starts in ${WINDOW_MS / 1000} s: ${starts.length}; gaps (ms): ${gaps.join(', ')}`);
    expect(starts.length).toBeLessThanOrEqual(MAX_STARTS);
    expect(starts.length).toBeGreaterThanOrEqual(MIN_STARTS);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(DELAYS_MS[i] - 50));
    const failures = readFileSync(logFile, 'utf8').split('\n').filter((line) => line.includes('leaf server did not start'));
    expect(failures.length).toBeGreaterThanOrEqual(starts.length - 1);
    expect(failures.length).toBeLessThanOrEqual(starts.length);
    for (const line of failures) expect(line).toContain(`listen tcp ${listen}: bind: address already in use`);

    await new Promise((resolve) => taken.close(resolve));
    squatter = undefined;
    const deadline = Date.now() + 35_000;
    while (!(await plane.pilot.pingFrontgate('fg-busy', 500).then(() => true, () => false))) {
      expect(frontgate.isAlive() && Date.now() < deadline).toBe(true);
      await sleep(250);
    }
    const status = await plane.pilot.pingFrontgate('fg-busy');
    console.log(`up ${Math.round((Date.now() - starts[0]) / 1000)} s after the first start, after ${status.serverRestarts} restarts`);
    expect(status).toMatchObject({ leafConnected: true, serverRestarts: leafStarts(dataDir).length - 1 });
    expect((await plane.metadata.write('fg-busy', 'cl-1', { env: { a: '1' } })).revision).toBeGreaterThanOrEqual(1);
    // A drone needs only the frontgate's id and URL from it; admitting it proves the drone watch runs.
    drone = await startTestDrone(plane, { frontgateId: 'fg-busy', url: frontgateClientUrl(listen) } as TestFrontgate, { clusterId: 'cl-1', nodeId: 'cln-late', role: '', serverId: 1, groupId: 1 });
    expect((await plane.pilot.runCommand('fg-busy', 'cln-late', { id: 'hello', cmd: 'echo hello' })).stdoutTail).toBe('hello\n');
  }, 90_000);
});
