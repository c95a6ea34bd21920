import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureGoBinary, ensureKubernetesBinaries, ensureKwok, helm, startKubernetesControlPlane, type KubernetesBinaries, type KubernetesControlPlane } from '../src/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'pitrix-devstack-kubernetes-'));
const binCache = process.env.PITRIX_BIN_CACHE ?? join(homedir(), '.cache/pitrix/bin');
const log = (line: string) => console.log(`[kubernetes test] ${line}`);

/** Where helm keeps its repositories and cache: inside the scratch folder, not the user's home. */
const helmEnv = { ...process.env, HELM_CACHE_HOME: join(scratch, 'helm', 'cache'), HELM_CONFIG_HOME: join(scratch, 'helm', 'config'), HELM_DATA_HOME: join(scratch, 'helm', 'data') };

let binaries: KubernetesBinaries;
let helmBinary: string;
let controlPlane: KubernetesControlPlane;
let startMs: number;

beforeAll(async () => {
  // Built on the first run on a machine only (npm test builds them before any test starts).
  binaries = await ensureKubernetesBinaries(binCache, log);
  const kwok = await ensureKwok(binCache, log);
  helmBinary = await ensureGoBinary(binCache, helm(), log);
  const startedAt = Date.now();
  controlPlane = await startKubernetesControlPlane({ binaries, kwok, dir: join(scratch, 'control-plane'), log });
  startMs = Date.now() - startedAt;
}, 1_800_000);

afterAll(async () => {
  await controlPlane?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => (err ? reject(new Error(stderr.trim() || err.message)) : resolve(stdout)));
  });
}

function kubectl(...args: string[]): Promise<string> {
  return run(binaries.kubectl, ['--kubeconfig', controlPlane.kubeconfigFile, ...args]);
}

function helmRun(...args: string[]): Promise<string> {
  return run(helmBinary, ['--kubeconfig', controlPlane.kubeconfigFile, ...args], helmEnv);
}

interface PodCondition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
}
interface Pod {
  readonly metadata: { readonly name: string };
  readonly status: { readonly phase: string; readonly conditions?: readonly PodCondition[] };
}

async function pods(namespace: string, selector: string): Promise<Pod[]> {
  return (JSON.parse(await kubectl('get', 'pods', '-n', namespace, '-l', selector, '-o', 'json')) as { items: Pod[] }).items;
}

function readyCondition(pod: Pod): PodCondition | undefined {
  return pod.status.conditions?.find((condition) => condition.type === 'Ready');
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A chart with a Deployment and a Service; `podAnnotations` go on the pod template. */
function writeChart(name: string, replicas: number, podAnnotations: Record<string, string> = {}): string {
  const dir = join(scratch, 'charts', name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
  const annotations = Object.entries(podAnnotations).map(([key, value]) => `        ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  writeFileSync(
    join(dir, 'templates', 'deployment.yaml'),
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ .Release.Name }}',
      'spec:',
      `  replicas: ${replicas}`,
      '  selector:',
      '    matchLabels:',
      '      app: {{ .Release.Name }}',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app: {{ .Release.Name }}',
      ...(annotations.length > 0 ? ['      annotations:', ...annotations] : []),
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: nginx:1.27',
      '          ports:',
      '            - containerPort: 80',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'templates', 'service.yaml'),
    [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: {{ .Release.Name }}',
      'spec:',
      '  selector:',
      '    app: {{ .Release.Name }}',
      '  ports:',
      '    - port: 80',
      '      targetPort: 80',
      '',
    ].join('\n'),
  );
  return dir;
}

describe('a Kubernetes control plane with kwok nodes', () => {
  it('starts within seconds on free ports and serves the built version', async () => {
    log(`control plane ready in ${startMs} ms at ${controlPlane.server}`);
    expect(controlPlane.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const version = JSON.parse(await kubectl('version', '-o', 'json')) as { serverVersion: { gitVersion: string } };
    expect(version.serverVersion.gitVersion).toBe(binaries.version);
    const nodes = JSON.parse(await kubectl('get', 'nodes', '-o', 'json')) as { items: unknown[] };
    expect(nodes.items).toHaveLength(controlPlane.nodeNames.length);
  });

  it('runs a helm release with --wait: its pods are Running and Ready', async () => {
    await helmRun('install', 'web', writeChart('web', 2), '-n', 'apps', '--create-namespace', '--wait', '--timeout', '60s');
    const running = await pods('apps', 'app=web');
    expect(running).toHaveLength(2);
    for (const pod of running) {
      expect(pod.status.phase).toBe('Running');
      expect(readyCondition(pod)?.status).toBe('True');
    }
    const service = JSON.parse(await kubectl('get', 'service', 'web', '-n', 'apps', '-o', 'json')) as { spec: { clusterIP: string } };
    expect(service.spec.clusterIP).toMatch(/^10\.96\./);
  });

  it('turns a pod annotated pitrix.dev/test-ready=false not ready (TestNotReady), and ready again when the annotation goes or is "true"', async () => {
    const [pod] = await pods('apps', 'app=web');
    const name = pod!.metadata.name;
    const readyOf = async () => readyCondition((JSON.parse(await kubectl('get', 'pod', name, '-n', 'apps', '-o', 'json')) as Pod))!;
    const availableReplicas = async () => (JSON.parse(await kubectl('get', 'deployment', 'web', '-n', 'apps', '-o', 'json')) as { status: { availableReplicas?: number } }).status.availableReplicas ?? 0;

    await kubectl('annotate', 'pod', name, '-n', 'apps', 'pitrix.dev/test-ready=false');
    const notReady = await eventually('the pod turning not ready', async () => ((await readyOf()).status === 'False' ? readyOf() : undefined));
    expect(notReady.reason).toBe('TestNotReady');
    await eventually('the deployment counting one available replica', async () => ((await availableReplicas()) === 1 ? true : undefined));

    await kubectl('annotate', 'pod', name, '-n', 'apps', 'pitrix.dev/test-ready-');
    const readyAgain = await eventually('the pod turning ready again', async () => ((await readyOf()).status === 'True' ? readyOf() : undefined));
    expect(readyAgain.reason).toBeUndefined();
    await eventually('the deployment counting two available replicas', async () => ((await availableReplicas()) === 2 ? true : undefined));

    await kubectl('annotate', 'pod', name, '-n', 'apps', 'pitrix.dev/test-ready=false');
    await eventually('the pod turning not ready once more', async () => ((await readyOf()).reason === 'TestNotReady' ? true : undefined));
    await kubectl('annotate', 'pod', name, '-n', 'apps', '--overwrite', 'pitrix.dev/test-ready=true');
    await eventually('the pod turning ready with the annotation "true"', async () => ((await readyOf()).status === 'True' ? true : undefined));
  });

  it('never makes ready the pods of a workload whose template carries pitrix.dev/test-ready=false', async () => {
    const chart = writeChart('stuck', 1, { 'pitrix.dev/test-ready': 'false' });
    await expect(helmRun('install', 'stuck', chart, '-n', 'stuck', '--create-namespace', '--wait', '--timeout', '10s')).rejects.toThrow(/stuck|timed out|context deadline|not ready/i);
    const [pod] = await pods('stuck', 'app=stuck');
    expect(pod?.status.phase).toBe('Running');
    expect(readyCondition(pod!)).toMatchObject({ status: 'False', reason: 'TestNotReady' });
  });

  it('gives the no-rights kubeconfig no access to pods', async () => {
    await expect(run(binaries.kubectl, ['--kubeconfig', controlPlane.noRightsKubeconfigFile, 'get', 'pods', '-n', 'apps'])).rejects.toThrow(/forbidden/i);
  });

  it('stops every process it started', async () => {
    const pids = controlPlane.processes.map((child) => child.pid);
    await controlPlane.stop();
    expect(controlPlane.processes.every((child) => !child.isAlive())).toBe(true);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });
});
