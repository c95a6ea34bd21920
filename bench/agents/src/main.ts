// bench/agents: the agent plane on real nats-server processes (hub + frontgate leaves).
// Round trip of a no-op command pilot → hub → leaf → drone against a plain NATS request/reply on
// the same hub in the same run; fan-out of one command to 1,000 simulated drones on 10 leaves;
// memory per connected drone. Prints `name: value` lines.
import type { NatsConnection } from '@nats-io/transport-node';
import { createAgentPlane, SimulatedDroneFleet, type AgentPlane, type NodeIdentity } from '@pitrix/agent-plane';
import { startTestDrone, startTestFrontgate, startTestNatsHub, type TestFrontgate } from '@pitrix/testing/servers';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { percentile, processRssKiB, report, residentKiB, timeEach } from '../../shared/src/stats.js';

const WARM_UP = 300;
const REQUESTS = Number(process.env.BENCH_RTT_REQUESTS ?? 3000);
const LEAVES = 10;
const DRONES = Number(process.env.BENCH_DRONES ?? 1000);
const FANOUTS = 3;

const node = (nodeId: string): NodeIdentity => ({ clusterId: 'cl-bench', nodeId, role: '', serverId: 1, groupId: 1 });

function ensureBuilt(): void {
  const root = join(__dirname, '../../..');
  if (existsSync(join(root, 'apps/frontgate/dist/main.js')) && existsSync(join(root, 'apps/drone/dist/main.js'))) return;
  console.error('building the frontgate and the drone (first run only)');
  execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', '@pitrix/frontgate', '@pitrix/drone', '--output-style=stream'], { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' } });
}

/**
 * Plain request/reply on the hub versus a no-op command through hub → leaf → drone, measured
 * alternately (one of each, over and over) after a warm-up, so both see the same machine load.
 */
async function roundTrips(hubClient: NatsConnection, responder: NatsConnection, plane: AgentPlane): Promise<void> {
  responder.subscribe('bench.echo', {
    callback: (_err, msg) => {
      msg.respond(msg.data);
    },
  });
  await responder.flush();
  const payload = new Uint8Array(100);
  const plainOnce = () => hubClient.request('bench.echo', payload, { timeout: 2_000 });
  const pilotOnce = (id: string) => plane.pilot.runCommand('fg-0', 'rtt-0', { id, cmd: 'true' });
  await timeEach(WARM_UP, plainOnce);
  await timeEach(WARM_UP, (i) => pilotOnce(`warm-${i}`));
  const plain: number[] = [];
  const pilot: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    plain.push(...(await timeEach(1, plainOnce)));
    pilot.push(...(await timeEach(1, () => pilotOnce(`rtt-${i}`))));
  }
  const [plainP50, plainP99, pilotP50, pilotP99] = [percentile(plain, 50), percentile(plain, 99), percentile(pilot, 50), percentile(pilot, 99)];
  report('rtt_requests', plain.length);
  report('rtt_plain_nats_p50_ms', plainP50);
  report('rtt_plain_nats_p99_ms', plainP99);
  report('rtt_pilot_leaf_drone_p50_ms', pilotP50);
  report('rtt_pilot_leaf_drone_p99_ms', pilotP99);
  report('rtt_ratio_p50', pilotP50 / plainP50, 2);
  report('rtt_ratio_p99', pilotP99 / plainP99);
}

/** One command to every drone at once, a few times; reports the median and the worst. */
async function fanOut(plane: AgentPlane, targets: ReadonlyArray<{ frontgateId: string; nodeId: string }>): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < FANOUTS; i++) {
    const started = performance.now();
    const outcomes = await Promise.all(targets.map((t) => plane.pilot.runCommand(t.frontgateId, t.nodeId, { id: `fanout-${i}`, cmd: 'true' })));
    times.push(performance.now() - started);
    if (outcomes.some((o) => o.exitCode !== 0)) throw new Error('a fan-out command failed');
  }
  report(`fanout_${targets.length}_drones_${LEAVES}_leaves_ms`, percentile(times, 50), 2000);
  report(`fanout_${targets.length}_drones_${LEAVES}_leaves_worst_ms`, Math.max(...times));
}

async function main(): Promise<void> {
  ensureBuilt();
  setFlagsFromString('--expose-gc');
  (globalThis as { gc?: unknown }).gc = runInNewContext('gc');
  const hub = await startTestNatsHub();
  const [platform, hubClient, responder] = await Promise.all([hub.connect('bench-platform'), hub.connect('bench-client'), hub.connect('bench-responder')]);
  const plane = await createAgentPlane(platform, hub.natsConfig);
  const frontgates: TestFrontgate[] = [];
  const fleets: SimulatedDroneFleet[] = [];
  try {
    for (let i = 0; i < LEAVES; i++) frontgates.push(await startTestFrontgate(plane, { frontgateId: `fg-${i}` }));
    fleets.push(await SimulatedDroneFleet.start({ credentials: plane.credentials, networks: [{ frontgateId: 'fg-0', url: frontgates[0]!.url, nodes: [node('rtt-0')] }] }));
    await roundTrips(hubClient, responder, plane);
    const before = residentKiB();
    const connectStarted = performance.now();
    const perLeaf = Math.ceil(DRONES / LEAVES);
    const networks = frontgates.map((fg, leaf) => ({ frontgateId: fg.frontgateId, url: fg.url, nodes: Array.from({ length: perLeaf }, (_, i) => node(`d-${leaf}-${i}`)) }));
    fleets.push(await SimulatedDroneFleet.start({ credentials: plane.credentials, networks }));
    report(`fleet_register_and_connect_${DRONES}_drones_ms`, Math.round(performance.now() - connectStarted));
    report('memory_per_drone_kib', (residentKiB() - before) / DRONES);
    await fanOut(plane, networks.flatMap((n) => n.nodes.map((d) => ({ frontgateId: n.frontgateId, nodeId: d.nodeId }))));
    const real = await startTestDrone(plane, frontgates[0]!, node('real-0'));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    report('memory_real_drone_process_rss_mib', processRssKiB(real.process.pid, (file) => readFileSync(file, 'utf8')) / 1024);
    await real.stop();
  } finally {
    await Promise.all(fleets.map((fleet) => fleet.stop()));
    await Promise.all(frontgates.map((fg) => fg.stop()));
    await plane.close();
    await Promise.all([platform.close(), hubClient.close(), responder.close()]);
    await hub.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`bench:agents failed: ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
