// bench/kubernetes: chart clusters on a real control plane (kube-apiserver, etcd, controller
// manager, scheduler, kwok as the kubelets), through the real API, worker and Temporal.
// (a) Mutation to `active` for the example chart, beside `helm install --wait` of the same chart on
//     the same control plane in the same run, and their ratio (target < 1.5).
// (b) Orchestration overhead per layer of those creates: time to `active` minus the tasks' own
//     critical path (per layer the longest task), divided by the layers (as bench:clusters).
// (c) 20 concurrent chart installs: completion time and failures.
// Run after `npm run build` (it loads the built packages). Prints `name: value` lines.
import { apiUrl, startApi } from '@pitrix/api';
import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { ensureTestTemporal } from '@pitrix/testing';
import { startTestKubernetes, type TestKubernetes } from '@pitrix/testing/kubernetes';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { percentile, report } from '../../shared/src/stats.js';

const CHART = join(__dirname, '../../../examples/charts/web-shop');
const RUNS = Number(process.env.BENCH_KUBERNETES_RUNS ?? 5);
const CONCURRENT = Number(process.env.BENCH_KUBERNETES_CONCURRENT ?? 20);
const TARGET_RATIO = 1.5;
const TARGET_OVERHEAD_PER_LAYER_MS = 50;
const NAMESPACE = 'bench';

const ms = (value: unknown) => new Date(value as string).getTime();

interface Bench {
  readonly k8s: TestKubernetes;
  readonly api: ApiHarness;
  readonly runtimeId: string;
}

async function call<T>(api: ApiHarness, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = await api.graphql<T>(query, variables);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

/** Polls until the job ends; its status. */
async function settled(api: ApiHarness, jobId: string): Promise<string> {
  for (;;) {
    const { job } = await call<{ job: { status: string } }>(api, `query($id: ID!) { job(id: $id) { status } }`, { id: jobId });
    if (['successful', 'failed', 'cancelled'].includes(job.status)) return job.status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function createCluster(bench: Bench): Promise<{ clusterId: string; jobId: string }> {
  const { createCluster } = await call<{ createCluster: { clusterId: string; jobId: string } }>(bench.api, `mutation($input: CreateClusterInput!) { createCluster(input: $input) { clusterId jobId } }`, {
    input: { packageUrl: CHART, runtimeId: bench.runtimeId },
  });
  return createCluster;
}

async function deleteCluster(bench: Bench, clusterId: string): Promise<void> {
  const { deleteCluster } = await call<{ deleteCluster: { jobId: string } }>(bench.api, `mutation($id: ID!) { deleteCluster(id: $id) { jobId } }`, { id: clusterId });
  if ((await settled(bench.api, deleteCluster.jobId)) !== 'successful') throw new Error(`deleting ${clusterId} failed`);
}

/** One create through the API: mutation to the `active` event, and the tasks' critical path. */
async function timePitrix(bench: Bench): Promise<{ totalMs: number; overheadPerLayerMs: number; layerMs: Map<string, number> }> {
  const submittedAt = Date.now();
  const { clusterId, jobId } = await createCluster(bench);
  if ((await settled(bench.api, jobId)) !== 'successful') throw new Error(`the create job ${jobId} failed`);
  const query = (sql: string, params: unknown[]) => bench.api.db.dataSource.query(sql, params) as Promise<Array<Record<string, unknown>>>;
  const [active] = await query(`SELECT recorded_at FROM cluster.events WHERE cluster_id = $1 AND type = 'ClusterStatusChanged' AND payload->>'status' = 'active' ORDER BY sequence LIMIT 1`, [clusterId]);
  const tasks = await query(`SELECT layer, type, started_at, finished_at FROM cluster.tasks WHERE job_id = $1 AND NOT rollback`, [jobId]);
  const longest = new Map<number, number>();
  const layerMs = new Map<string, number>();
  for (const task of tasks) {
    const duration = ms(task.finished_at) - ms(task.started_at);
    longest.set(Number(task.layer), Math.max(longest.get(Number(task.layer)) ?? 0, duration));
    const name = `${Number(task.layer) + 1}_${String(task.type)}`;
    layerMs.set(name, Math.max(layerMs.get(name) ?? 0, duration));
  }
  const criticalPathMs = [...longest.values()].reduce((sum, value) => sum + value, 0);
  const totalMs = ms(active!.recorded_at) - submittedAt;
  await deleteCluster(bench, clusterId);
  return { totalMs, overheadPerLayerMs: (totalMs - criticalPathMs) / longest.size, layerMs };
}

/**
 * The same chart with plain `helm install --wait` into its own namespace of the same control
 * plane; and, as Pitrix's create also runs the chart's tests, the time with `helm test` after it.
 */
async function timeHelm(bench: Bench, index: number): Promise<{ installMs: number; withTestMs: number }> {
  const helm = (args: string[]) => promisify(execFile)(bench.k8s.helmBinary, [...args, '--kubeconfig', bench.k8s.kubeconfigFile, '--namespace', `${NAMESPACE}-helm`]);
  const release = `helm-${index}`;
  const started = performance.now();
  await helm(['install', release, CHART, '--wait', '--timeout', '5m', '--create-namespace']);
  const installMs = performance.now() - started;
  await helm(['test', release, '--timeout', '5m']);
  const withTestMs = performance.now() - started;
  // Helm's own wait can give up on a StatefulSet still terminating; each run has its own release name.
  await helm(['uninstall', release, '--cascade', 'foreground']);
  return { installMs, withTestMs };
}

async function concurrentInstalls(bench: Bench): Promise<void> {
  const started = performance.now();
  const jobs = await Promise.all(Array.from({ length: CONCURRENT }, () => createCluster(bench)));
  const outcomes = await Promise.all(jobs.map((job) => settled(bench.api, job.jobId)));
  const seconds = (performance.now() - started) / 1000;
  report('concurrent_installs', CONCURRENT);
  report('concurrent_completion_s', seconds);
  report('concurrent_failures', outcomes.filter((status) => status !== 'successful').length);
  for (const job of jobs) await deleteCluster(bench, job.clusterId);
}

async function main(): Promise<void> {
  const temporal = await ensureTestTemporal(process.env);
  Object.assign(process.env, { PITRIX_TEST_TEMPORAL_ADDRESS: temporal.address, PITRIX_TEST_TEMPORAL_NAMESPACE: temporal.namespace, PITRIX_TEST_TEMPORAL_BINARY: temporal.binary });
  const k8s = await startTestKubernetes();
  const api = await startApiHarness('bench_kubernetes', { startApi, apiUrl }, { env: { PITRIX_HELM_BINARY: k8s.helmBinary } });
  try {
    const credentialId = (await call<{ createCredential: { id: string } }>(api, `mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }`, {
      input: { name: 'bench', provider: 'kubernetes', secret: { kubeconfig: k8s.kubeconfig } },
    })).createCredential.id;
    const runtimeId = (await call<{ createRuntime: { id: string } }>(api, `mutation($input: CreateRuntimeInput!) { createRuntime(input: $input) { id } }`, {
      input: { name: 'bench', provider: 'kubernetes', zone: NAMESPACE, credentialId },
    })).createRuntime.id;
    const bench = { k8s, api, runtimeId };
    await timePitrix(bench); // warm-up: workflow bundle, first namespace, helm caches
    await timeHelm(bench, 0);
    const pitrix: Array<Awaited<ReturnType<typeof timePitrix>>> = [];
    const helm: Array<{ installMs: number; withTestMs: number }> = [];
    // Interleaved, so both see the same machine load.
    for (let i = 1; i <= RUNS; i++) {
      pitrix.push(await timePitrix(bench));
      helm.push(await timeHelm(bench, i));
    }
    const pitrixP50 = percentile(pitrix.map((run) => run.totalMs), 50);
    const helmP50 = percentile(helm.map((run) => run.installMs), 50);
    const helmWithTestP50 = percentile(helm.map((run) => run.withTestMs), 50);
    report('chart', 'examples/charts/web-shop: Deployment (2), StatefulSet (3), Service x2, ConfigMap, a Helm test');
    report('runs', RUNS);
    report('pitrix_mutation_to_active_p50_ms', pitrixP50);
    report('helm_install_wait_p50_ms', helmP50);
    report('ratio_pitrix_to_helm', pitrixP50 / helmP50, TARGET_RATIO);
    report('helm_install_wait_then_test_p50_ms', helmWithTestP50);
    report('ratio_pitrix_to_helm_with_test', pitrixP50 / helmWithTestP50);
    for (const layer of pitrix[0]!.layerMs.keys()) report(`task_layer_${layer}_p50_ms`, percentile(pitrix.map((run) => run.layerMs.get(layer) ?? 0), 50));
    report('overhead_per_layer_p50_ms', percentile(pitrix.map((run) => run.overheadPerLayerMs), 50), TARGET_OVERHEAD_PER_LAYER_MS);
    report('overhead_per_layer_p99_ms', percentile(pitrix.map((run) => run.overheadPerLayerMs), 99), TARGET_OVERHEAD_PER_LAYER_MS);
    await concurrentInstalls(bench);
  } finally {
    await api.close();
    await k8s.stop();
    await temporal.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
