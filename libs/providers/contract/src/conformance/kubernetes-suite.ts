import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseRequest, ReleaseSession, WorkloadRef } from '../releases.js';
import type { KubernetesConformanceHarness } from './kubernetes-harness.js';
import { describeOptionChecks } from './option-checks.js';

/** How long the suite waits for workloads and pods to become ready. */
const READY_TIMEOUT_MS = 60_000;

/**
 * The conformance suite every Kubernetes provider must pass: options described truthfully,
 * live credential checks that tell a malformed, an unreachable and a powerless credential apart,
 * release changes idempotent per client token (install, upgrade, rollback), readiness of the
 * release's workloads and pods, and an uninstall that leaves nothing and may be repeated.
 */
export function describeKubernetesProviderConformance(label: string, setup: () => Promise<KubernetesConformanceHarness>): void {
  describe(`kubernetes provider conformance: ${label}`, () => {
    let harness: KubernetesConformanceHarness;
    let session: ReleaseSession;
    const release = `conformance-${Date.now().toString(36)}`;
    const request = (clientToken: string, values = harness.values): ReleaseRequest => ({ release, chart: harness.chart, values, clientToken });

    beforeAll(async () => {
      harness = await setup();
      session = await harness.provider.connect(harness.context);
    });
    afterAll(async () => {
      await session?.uninstall(release).catch(() => undefined);
      await session?.close();
      await harness?.cleanup();
    });

    describeOptionChecks(() => ({ optionFields: harness.provider.optionFields, context: harness.context, connect: (context) => harness.provider.connect(context) }));

    it('validateCredential: a working credential is valid and names who it acts as', async () => {
      const check = await harness.provider.validateCredential(harness.context.credential, { ...harness.context.options, namespace: harness.context.zone });
      expect(check).toMatchObject({ valid: true });
      expect(check.identity?.trim()).toBeTruthy();
    });

    it.each([
      ['a malformed kubeconfig is MALFORMED', 'malformedCredential', 'MALFORMED'],
      ['a server that does not answer is UNREACHABLE', 'unreachableCredential', 'UNREACHABLE'],
      ['a credential without rights is AUTH_FAILED', 'noRightsCredential', 'AUTH_FAILED'],
    ] as const)('validateCredential: %s, without throwing', async (_name, credential, reason) => {
      const check = await harness.provider.validateCredential(harness[credential], { ...harness.context.options, namespace: harness.context.zone });
      expect(check).toMatchObject({ valid: false, reason });
      expect(check.message?.trim()).toBeTruthy();
    });

    it('install twice with one client token makes one revision', async () => {
      const token = `task-install-${release}`;
      const first = await session.install(request(token));
      const second = await session.install(request(token));
      expect(second).toEqual(first);
      expect(first).toMatchObject({ revision: 1, description: token });
      expect((await session.history(release)).map((r) => r.revision)).toEqual([1]);
    });

    it('after the install every workload becomes ready', async () => {
      const workloads = await session.workloads(release);
      expect(workloads.length).toBeGreaterThan(0);
      for (const workload of workloads) await waitReady(session, workload);
    });

    it('lists the release\'s pods with their readiness', async () => {
      const workloads = await session.workloads(release);
      const pods = await session.pods(release);
      expect(pods.length).toBeGreaterThan(0);
      for (const pod of pods) {
        expect(workloads).toContainEqual(pod.workload);
        expect(pod).toMatchObject({ ready: true, reason: '', deleting: false });
        expect(pod.uid).toBeTruthy();
      }
    });

    it('upgrade and rollback each make one revision per client token', async () => {
      const upgradeToken = `task-upgrade-${release}`;
      const upgraded = await session.upgrade(request(upgradeToken, harness.upgradeValues));
      expect(await session.upgrade(request(upgradeToken, harness.upgradeValues))).toEqual(upgraded);
      expect(upgraded).toMatchObject({ revision: 2, description: upgradeToken });
      const rollbackToken = `task-rollback-${release}`;
      const rolledBack = await session.rollback(release, 1, rollbackToken);
      expect(await session.rollback(release, 1, rollbackToken)).toEqual(rolledBack);
      expect(rolledBack).toMatchObject({ revision: 3, description: rollbackToken });
      const history = await session.history(release);
      expect(history.map((r) => [r.revision, r.description])).toEqual([
        [1, `task-install-${release}`],
        [2, upgradeToken],
        [3, rollbackToken],
      ]);
      expect(history.at(-1)?.status).toBe('deployed');
    });

    it('uninstall leaves nothing, and a second uninstall finds it already gone', async () => {
      expect(await session.uninstall(release)).toEqual({ alreadyGone: false });
      expect(await session.remainingObjects(release)).toEqual([]);
      expect(await session.history(release)).toEqual([]);
      expect(await session.uninstall(release)).toEqual({ alreadyGone: true });
    });
  });
}

async function waitReady(session: ReleaseSession, workload: WorkloadRef): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const status = await session.workloadStatus(workload);
    if (status.ready) {
      expect(status).toMatchObject({ ...workload, reason: '' });
      expect(status.readyReplicas).toBe(status.desiredReplicas);
      return;
    }
    if (Date.now() > deadline) throw new Error(`${workload.kind} ${workload.name} not ready after ${READY_TIMEOUT_MS / 1000} s: ${status.reason}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
