import { isConnectionFailure, isNotFound, apiError } from './api-errors.js';
import { isReleaseNotFound, type HelmRunner } from './helm-runner.js';
import type { ReleaseInventory } from './inventory.js';
import type { KubeClients } from './kube-client.js';

/** How long an uninstall waits for the release's objects (and its pods) to be gone. */
const GONE_TIMEOUT_MS = 120_000;
const POLL_MS = 250;

/** What an uninstall needs of its session. */
export interface UninstallDeps {
  readonly helm: HelmRunner;
  readonly kube: KubeClients;
  readonly inventory: ReleaseInventory;
  readonly namespace: string;
}

/**
 * Uninstalls with foreground cascade, deletes the release's hooks (Helm keeps test pods and
 * other hooks), then waits until nothing of the release is left, pods included. A release
 * that does not exist is `alreadyGone`; what an earlier attempt left is still waited for.
 * Objects still there after the wait are a plain (retried) error naming them.
 */
export async function uninstall(deps: UninstallDeps, release: string): Promise<{ alreadyGone: boolean }> {
  const status = await deps.helm.raw(['status', release]);
  const alreadyGone = isReleaseNotFound(status);
  if (!alreadyGone && status.exitCode !== 0) throw deps.helm.failure(`status ${release}`, status);
  const selectors = alreadyGone ? [] : (await deps.inventory.workloadSelectors(release)).map((w) => w.selector);
  if (!alreadyGone) {
    const hooks = await deps.inventory.hooks(release);
    const output = await deps.helm.raw(['uninstall', release, '--cascade=foreground', '--wait', '--timeout', '120s'], { timeoutMs: 180_000 });
    // Helm's own wait can give up on objects that are still terminating ("still exists ...
    // Terminating") after it removed the release: that is not a failure, the wait below decides.
    if (output.exitCode !== 0 && !isReleaseNotFound(output) && !isReleaseNotFound(await deps.helm.raw(['status', release]))) throw deps.helm.failure(`uninstall ${release}`, output);
    for (const hook of hooks) await deleteObject(deps, hook);
  }
  for (const hook of await deps.inventory.leftoverHooks(release)) await deleteObject(deps, hook as Parameters<typeof deleteObject>[1]);
  await waitUntilGone(deps, release, selectors);
  return { alreadyGone };
}

async function deleteObject({ kube, namespace }: UninstallDeps, object: { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } }): Promise<void> {
  const spec = { apiVersion: object.apiVersion, kind: object.kind, metadata: { name: object.metadata?.name, namespace: object.metadata?.namespace ?? namespace } };
  await kube.objects.delete(spec, undefined, undefined, undefined, undefined, 'Foreground').catch((err: unknown) => {
    if (isNotFound(err)) return;
    if (isConnectionFailure(err)) throw apiError(kube.server, `delete ${object.kind ?? ''}/${object.metadata?.name ?? ''}`, err);
    throw apiError(kube.server, `delete hook ${object.kind ?? ''}/${object.metadata?.name ?? ''}`, err);
  });
}

async function waitUntilGone(deps: UninstallDeps, release: string, selectors: readonly string[]): Promise<void> {
  const deadline = Date.now() + GONE_TIMEOUT_MS;
  for (;;) {
    const remaining = await deps.inventory.remainingObjects(release, selectors);
    if (remaining.length === 0) return;
    if (Date.now() > deadline) throw new Error(`release ${release} was uninstalled but these objects are still in namespace ${deps.namespace}: ${remaining.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
