import { hasErrorCode } from '@pitrix/errors';
import type { ReleasePod, ReleaseRequest, ReleaseSession, WorkloadRef } from '@pitrix/provider-contract';
import { startTestKubernetes, type TestKubernetes } from '@pitrix/testing/kubernetes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubernetesProvider } from '../src/index.js';
import { demoChart } from './chart.js';
import { credentialOf, unreachableCredential } from './credentials.js';

// A real kube-apiserver, controller manager, scheduler and etcd; kwok plays the kubelets, so
// pods become Running and Ready without any container. Nothing here sends traffic to pod or
// service addresses (they are fake).
const NAMESPACE = 'pitrix-releases';
const RELEASE = 'shop';
const WEB: WorkloadRef = { kind: 'Deployment', name: `${RELEASE}-web` };
const DB: WorkloadRef = { kind: 'StatefulSet', name: `${RELEASE}-db` };
const VALUES = { replicas: 2, dbReplicas: 1, message: 'hello' };

describe('kubernetes provider: releases on a real control plane', () => {
  let kube: TestKubernetes;
  let provider: KubernetesProvider;
  let session: ReleaseSession;
  const context = () => ({ runtimeId: 'rt-releases', credential: credentialOf(kube.kubeconfig), zone: NAMESPACE, options: {} });
  const request = (clientToken: string, values: Record<string, unknown> = VALUES, chart = demoChart()): ReleaseRequest => ({ release: RELEASE, chart, values, clientToken });

  beforeAll(async () => {
    kube = await startTestKubernetes();
    provider = new KubernetesProvider({ helmBinary: kube.helmBinary });
    session = await provider.connect(context());
  });
  afterAll(async () => {
    await session?.close();
    await kube?.stop();
  });

  describe('preflight', () => {
    it('renders the chart: its workloads (hooks excluded) and whether it has tests; it creates the namespace', async () => {
      expect(await session.preflight(request('task-preflight'))).toEqual({ workloads: [WEB, DB], hasTests: true });
      expect(await kube.kubectl(['get', 'namespace', NAMESPACE, '-o', 'name'])).toContain(NAMESPACE);
    });

    it.each([
      ['a template that does not render is PACKAGE.CHART_INVALID', { 'templates/broken.yaml': 'value: {{ .Values.missing.deeper }}\n' }, VALUES, 'PACKAGE.CHART_INVALID'],
      ['values the schema refuses are PACKAGE.VALUES_INVALID', {}, { ...VALUES, replicas: 'many' }, 'PACKAGE.VALUES_INVALID'],
      ['an object the server refuses is KUBERNETES.DRY_RUN_FAILED', {}, { ...VALUES, servicePort: 70000 }, 'KUBERNETES.DRY_RUN_FAILED'],
    ] as const)('%s', async (_name, files, values, code) => {
      const error = await session.preflight(request('task-preflight-bad', values, demoChart(files))).catch((err: unknown) => err);
      expect(hasErrorCode(error, code)).toBe(true);
    });

    it('the server\'s refusal names the object', async () => {
      const error = await session.preflight(request('task-preflight-port', { ...VALUES, servicePort: 70000 })).catch((err: unknown) => err);
      expect((error as { problems: Array<{ path: string }> }).problems.map((p) => p.path)).toEqual([`Service/${RELEASE}-web`]);
    });

    it('a credential without rights is KUBERNETES.FORBIDDEN', async () => {
      const powerless = await provider.connect({ ...context(), credential: credentialOf(kube.noRightsKubeconfig) });
      const error = await powerless.preflight(request('task-preflight-forbidden')).catch((err: unknown) => err);
      expect(hasErrorCode(error, 'KUBERNETES.FORBIDDEN')).toBe(true);
    });

    it('a namespace whose quota cannot hold replicas × requests is KUBERNETES.DRY_RUN_FAILED naming the quota', async () => {
      await kube.kubectl(['create', 'namespace', 'pitrix-quota']);
      await kube.kubectl(['create', 'quota', 'small', '--hard=requests.cpu=50m,pods=20', '-n', 'pitrix-quota']);
      const quoted = await provider.connect({ ...context(), zone: 'pitrix-quota' });
      // 4 web pods and 1 db pod at 10m each ask for 50m: it fits; 5 web pods do not.
      expect((await quoted.preflight(request('task-quota-fits', { ...VALUES, replicas: 4 }))).workloads).toHaveLength(2);
      const error = await quoted.preflight(request('task-quota-short', { ...VALUES, replicas: 5 })).catch((err: unknown) => err);
      expect(hasErrorCode(error, 'KUBERNETES.DRY_RUN_FAILED')).toBe(true);
      expect((error as { problems: Array<{ path: string }> }).problems.map((p) => p.path)).toEqual(['resourceQuota.small.requests.cpu']);
    });
  });

  describe('a release\'s life', () => {
    it('install is idempotent per token; the workloads become ready and their pods are listed', async () => {
      const first = await session.install(request('task-install'));
      expect(await session.install(request('task-install'))).toEqual(first);
      expect(first).toMatchObject({ revision: 1, description: 'task-install', chartVersion: '0.1.0' });
      expect(await session.workloads(RELEASE)).toEqual([WEB, DB]);
      await waitFor(() => session.workloadStatus(WEB), (s) => s.ready && s.readyReplicas === 2);
      await waitFor(() => session.workloadStatus(DB), (s) => s.ready);
      const pods = await session.pods(RELEASE);
      expect(pods.filter((p) => p.workload.kind === 'Deployment')).toHaveLength(2);
      expect(pods.filter((p) => p.workload.kind === 'StatefulSet').map((p) => p.name)).toEqual([`${RELEASE}-db-0`]);
      expect(pods.every((p) => p.ready && p.phase === 'Running')).toBe(true);
      expect(pods).toHaveLength(3);
      expect(pods.every((p) => p.ip !== '' && p.reason === '' && !p.deleting && p.readyChangedAt !== '')).toBe(true);
    });

    it('lists the Services\' ports by cluster DNS name', async () => {
      expect(await session.endpoints(RELEASE)).toEqual([
        { name: `${RELEASE}-web/http`, host: `${RELEASE}-web.${NAMESPACE}.svc`, port: 80, protocol: 'TCP' },
        { name: `${RELEASE}-db/postgres`, host: `${RELEASE}-db.${NAMESPACE}.svc`, port: 5432, protocol: 'TCP' },
      ]);
    });

    it('scales 2 → 5 → 2 through the scale subresource', async () => {
      await session.scaleWorkload(WEB, 5);
      await session.scaleWorkload(WEB, 5);
      const five = await waitFor(() => session.workloadStatus(WEB), (s) => s.ready && s.desiredReplicas === 5);
      expect(five.readyReplicas).toBe(5);
      expect((await session.pods(RELEASE)).filter((p) => p.workload.kind === 'Deployment' && p.ready)).toHaveLength(5);
      await session.scaleWorkload(WEB, 2);
      await waitFor(() => session.workloadStatus(WEB), (s) => s.ready && s.desiredReplicas === 2);
      await waitFor(() => session.pods(RELEASE), (pods) => pods.filter((p) => p.workload.kind === 'Deployment').length === 2);
    });

    it('a pod that turns not ready shows in pods() and workloadStatus with its reason, and watchPods reports it', async () => {
      const seen: Array<readonly ReleasePod[]> = [];
      const errors: Error[] = [];
      const stop = await session.watchPods(RELEASE, (pods) => seen.push(pods), (err) => errors.push(err));
      try {
        expect(seen).toHaveLength(1);
        const victim = (await session.pods(RELEASE)).find((p) => p.workload.kind === 'Deployment')!;
        await kube.kubectl(['annotate', 'pod', victim.name, '-n', NAMESPACE, 'pitrix.dev/test-ready=false']);
        const pods = await waitFor(() => session.pods(RELEASE), (list) => list.some((p) => p.name === victim.name && !p.ready));
        expect(pods.find((p) => p.name === victim.name)?.reason).toMatch(/^TestNotReady: /);
        await waitFor(async () => seen.at(-1) ?? [], (list) => list.some((p) => p.name === victim.name && !p.ready && p.reason.startsWith('TestNotReady')));
        const status = await waitFor(() => session.workloadStatus(WEB), (s) => !s.ready);
        expect(status.reason).toContain(`pod ${victim.name}: TestNotReady`);
        expect(errors).toEqual([]);
      } finally {
        stop();
      }
    });

    it('upgrade is idempotent per token and rolls the pods; its tests pass', async () => {
      const upgraded = await session.upgrade(request('task-upgrade', { ...VALUES, replicas: 3, message: 'bonjour' }));
      expect(await session.upgrade(request('task-upgrade', { ...VALUES, replicas: 3, message: 'bonjour' }))).toEqual(upgraded);
      expect(upgraded).toMatchObject({ revision: 2, description: 'task-upgrade', status: 'deployed' });
      await waitFor(() => session.workloadStatus(WEB), (s) => s.ready && s.desiredReplicas === 3);
      expect(await kube.kubectl(['get', 'configmap', `${RELEASE}-config`, '-n', NAMESPACE, '-o', 'jsonpath={.data.message}'])).toBe('bonjour');
      await session.test(RELEASE, 60);
    });

    it('a test that does not succeed is KUBERNETES.TEST_FAILED', async () => {
      await session.upgrade(request('task-upgrade-test-pod', { ...VALUES, replicas: 3, message: 'bonjour', testPod: true }));
      const error = await session.test(RELEASE, 3).catch((err: unknown) => err);
      expect(hasErrorCode(error, 'KUBERNETES.TEST_FAILED'), String(error)).toBe(true);
    });

    it('rollback is idempotent per token and restores the values', async () => {
      const rolledBack = await session.rollback(RELEASE, 1, 'task-rollback');
      expect(await session.rollback(RELEASE, 1, 'task-rollback')).toEqual(rolledBack);
      expect(rolledBack).toMatchObject({ revision: 4, description: 'task-rollback', status: 'deployed' });
      expect((await session.history(RELEASE)).map((r) => [r.revision, r.status, r.description])).toEqual([
        [1, 'superseded', 'task-install'],
        [2, 'superseded', 'task-upgrade'],
        [3, 'superseded', 'task-upgrade-test-pod'],
        [4, 'deployed', 'task-rollback'],
      ]);
      await waitFor(() => session.workloadStatus(WEB), (s) => s.ready && s.desiredReplicas === 2);
      expect(await kube.kubectl(['get', 'configmap', `${RELEASE}-config`, '-n', NAMESPACE, '-o', 'jsonpath={.data.message}'])).toBe('hello');
    });

    it('a failing helm call is KUBERNETES.RELEASE_FAILED with helm\'s message', async () => {
      const error = await session.rollback(RELEASE, 99, 'task-rollback-99').catch((err: unknown) => err);
      expect(hasErrorCode(error, 'KUBERNETES.RELEASE_FAILED')).toBe(true);
      expect((error as Error).message).toMatch(/99/);
    });

    it('uninstall leaves nothing (hooks and pods included); a second one is alreadyGone', async () => {
      expect((await session.remainingObjects(RELEASE)).length).toBeGreaterThan(0);
      expect(await session.uninstall(RELEASE)).toEqual({ alreadyGone: false });
      expect(await session.remainingObjects(RELEASE)).toEqual([]);
      expect(await kube.kubectl(['get', 'pods,jobs,configmaps,services', '-n', NAMESPACE, '-l', `app.kubernetes.io/instance=${RELEASE}`, '-o', 'name'])).toBe('');
      expect(await session.uninstall(RELEASE)).toEqual({ alreadyGone: true });
      expect(await session.history(RELEASE)).toEqual([]);
      expect(await session.workloads(RELEASE)).toEqual([]);
    });
  });

  describe('credentials and zones', () => {
    it('a working credential is valid and names the user it acts as', async () => {
      const check = await provider.validateCredential(credentialOf(kube.kubeconfig), { namespace: NAMESPACE });
      expect(check.valid).toBe(true);
      expect(check.identity).toBeTruthy();
    });

    it('a kubeconfig pointing at a closed port is UNREACHABLE naming the server', async () => {
      const credential = await unreachableCredential(kube);
      const check = await provider.validateCredential(credential, {});
      expect(check).toMatchObject({ valid: false, reason: 'UNREACHABLE' });
      expect(check.message).toMatch(/https:\/\/127\.0\.0\.1:\d+/);
    });

    it.each([
      ['no kubeconfig at all', { secret: {} }],
      ['a kubeconfig that is not YAML', { secret: { kubeconfig: 'clusters: [' } }],
      ['a kubeconfig without a current context', { secret: { kubeconfig: 'apiVersion: v1\nkind: Config\nclusters: []\n' } }],
    ])('%s is MALFORMED', async (_name, credential) => {
      expect(await provider.validateCredential(credential, {})).toMatchObject({ valid: false, reason: 'MALFORMED' });
    });

    it('a credential without rights is AUTH_FAILED naming the first permission it lacks', async () => {
      const check = await provider.validateCredential(credentialOf(kube.noRightsKubeconfig), { namespace: NAMESPACE });
      expect(check).toMatchObject({ valid: false, reason: 'AUTH_FAILED' });
      expect(check.message).toContain(`may not create deployments.apps in namespace ${NAMESPACE}`);
    });

    it('zones are the namespaces inside the prefix; without the right to list them, the configured one', async () => {
      await kube.kubectl(['create', 'namespace', 'team-a']);
      const all = (await provider.listZones(credentialOf(kube.kubeconfig), {})).map((z) => z.id);
      expect(all).toEqual(expect.arrayContaining(['default', 'team-a', NAMESPACE]));
      expect(await provider.listZones(credentialOf(kube.kubeconfig), { namespacePrefix: 'team-' })).toEqual([{ id: 'team-a', name: 'team-a', available: true }]);
      expect(await provider.listZones(credentialOf(kube.noRightsKubeconfig), { namespace: 'team-b' })).toEqual([{ id: 'team-b', name: 'team-b', available: true }]);
    });

    it.each([
      ['a zone that is no namespace name', { zone: 'Not_A_Namespace' }],
      ['a zone outside the prefix', { zone: 'other', options: { namespacePrefix: 'team-' } }],
      ['a missing namespace when namespaces may not be created', { zone: 'pitrix-missing', options: { createNamespace: false } }],
    ])('%s is RUNTIME.ZONE_NOT_FOUND', async (_name, overrides) => {
      const error = await provider.connect({ ...context(), ...overrides }).catch((err: unknown) => err);
      expect(hasErrorCode(error, 'RUNTIME.ZONE_NOT_FOUND')).toBe(true);
    });
  });
});

/** Polls `read` until `done` holds (15 s at most), returning the last value. */
async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not reached within 15 s; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

