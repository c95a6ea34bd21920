// bench/clusters: cluster jobs on a real Temporal server, PostgreSQL, NATS hub and frontgate, with
// simulated drones (the local provider's simulation mode).
// (a) Orchestration overhead of creating a 9-node app whose hooks run in 4 ordered layers: time
//     from submission to `active` minus the tasks' own critical path, per create and per layer.
// (b) 100 concurrent creates of a 5-node app: completion time, clusters per minute, failures.
// (c) Healing, on real drones: one node's process group killed with -9, the time until the
//     resurrector's heal made the cluster whole again, and the heal job's overhead over its hooks.
// Prints `name: value` lines. BENCH_ONLY=overhead,concurrent,heal runs some of them.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { timeHeal } from './heal.js';
import { timeCreate } from './overhead.js';
import { startBenchStack } from './stack.js';
import { percentile, report } from '../../shared/src/stats.js';

const ROOT = join(__dirname, '../../..');
const OVERHEAD_RUNS = Number(process.env.BENCH_OVERHEAD_RUNS ?? 20);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT_CREATES ?? 100);
const COMMAND_MS = Number(process.env.BENCH_COMMAND_MS ?? 50);
const TARGET_OVERHEAD_PER_LAYER_MS = 50;
const HEAL_NODES = 3;
const HEAL_GRACE_SECONDS = 1;

function ensureBuilt(): void {
  const entries = ['apps/frontgate/dist/main.js', 'apps/drone/dist/main.js', 'apps/drone-simulator/dist/main.js'];
  if (entries.every((entry) => existsSync(join(ROOT, entry)))) return;
  console.error('building the agents (first run only)');
  execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', '@pitrix/frontgate', '@pitrix/drone', '@pitrix/drone-simulator', '--output-style=stream'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
}

const simulated = (instances: number) => ({
  simulateDrones: true,
  simulatedCommandMs: COMMAND_MS,
  quota: { instances, cpu: instances * 2, memoryMiB: instances * 1024, volumes: instances, volumeGiB: instances * 20 },
});

async function orchestrationOverhead(): Promise<void> {
  const stack = await startBenchStack('overhead', simulated(OVERHEAD_RUNS * 10 + 10));
  try {
    const files = await stack.loadPackage(join(ROOT, 'bench/clusters/packages/four-tier'));
    await timeCreate(stack, () => stack.create(files, {})); // warm-up: first frontgate, workflow bundle caches
    const runs = [];
    for (let i = 0; i < OVERHEAD_RUNS; i++) runs.push(await timeCreate(stack, () => stack.create(files, {})));
    const perLayer = runs.map((run) => run.overheadMs / run.layers);
    report('overhead_app', 'four-tier: 9 nodes, hooks in 4 ordered layers');
    report('overhead_creates', runs.length);
    report('overhead_job_layers', runs[0]!.layers);
    report('overhead_simulated_command_ms', COMMAND_MS);
    report('overhead_total_p50_ms', percentile(runs.map((r) => r.totalMs), 50));
    report('overhead_critical_path_p50_ms', percentile(runs.map((r) => r.criticalPathMs), 50));
    report('overhead_p50_ms', percentile(runs.map((r) => r.overheadMs), 50));
    report('overhead_p99_ms', percentile(runs.map((r) => r.overheadMs), 99));
    report('overhead_per_layer_p50_ms', percentile(perLayer, 50), TARGET_OVERHEAD_PER_LAYER_MS);
    report('overhead_per_layer_p99_ms', percentile(perLayer, 99), TARGET_OVERHEAD_PER_LAYER_MS);
  } finally {
    await stack.close();
  }
}

async function concurrentCreates(): Promise<void> {
  const stack = await startBenchStack('concurrent', simulated(CONCURRENT * 5 + 10));
  try {
    const files = await stack.loadPackage(join(ROOT, 'examples/packages/kv-store'));
    const values = { cluster: { replica: { count: 4 } }, env: { requirepass: 'bench-pass' } };
    const startedAt = Date.now();
    const jobs = await Promise.all(Array.from({ length: CONCURRENT }, () => stack.create(files, values)));
    const outcomes = await Promise.all(jobs.map((job) => stack.finished(job)));
    const seconds = (Date.now() - startedAt) / 1000;
    const failures = outcomes.filter((ok) => !ok).length;
    const [nodes] = await stack.query(`SELECT count(*)::int AS n FROM cluster.nodes WHERE status = 'active'`);
    report('concurrent_creates', CONCURRENT);
    report('concurrent_app', 'kv-store: 5 nodes (1 primary, 4 replicas)');
    report('concurrent_active_nodes', Number(nodes?.n ?? 0));
    report('concurrent_completion_s', seconds);
    report('concurrent_clusters_per_minute', (CONCURRENT - failures) / (seconds / 60));
    report('concurrent_failures', failures, 0);
  } finally {
    await stack.close();
  }
}

async function healing(): Promise<void> {
  // Real drones: a kill -9 must silence a node's heartbeats, which a simulated drone never stops.
  const stack = await startBenchStack('heal', {}, { resurrect: true });
  try {
    const files = await stack.loadPackage(join(ROOT, 'bench/clusters/packages/healed-store'));
    const run = await timeHeal(stack, files, { cluster: { store: { count: HEAL_NODES } } }, HEAL_GRACE_SECONDS);
    report('heal_app', `healed-store: ${HEAL_NODES} nodes with volumes, real drones, ${HEAL_GRACE_SECONDS} s grace period`);
    report('heal_detection_s', run.detectionMs / 1000);
    report('heal_time_s', run.healMs / 1000);
    report('heal_job_ms', run.jobMs);
    report('heal_hook_commands_ms', run.hookCommandsMs);
    report('heal_overhead_ms', run.overheadMs);
  } finally {
    await stack.close();
  }
}

const MEASURES: Record<string, () => Promise<void>> = { overhead: orchestrationOverhead, concurrent: concurrentCreates, heal: healing };

async function main(): Promise<void> {
  const chosen = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((name) => name.trim()) : Object.keys(MEASURES);
  const unknown = chosen.filter((name) => !(name in MEASURES));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown measure ${unknown.join(', ')}; known: ${Object.keys(MEASURES).join(', ')}`);
  ensureBuilt();
  for (const name of chosen) await MEASURES[name]!();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
