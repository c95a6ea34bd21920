import { PatchStrategy, type V1ResourceQuota } from '@kubernetes/client-node';
import { PitrixError, type Problem } from '@pitrix/errors';
import type { PreflightResult, ReleaseRequest } from '@pitrix/provider-contract';
import { apiError, isConnectionFailure, isNotFound, serverMessage, statusOf, unreachable } from './api-errors.js';
import { helmMessage, type HelmRunner } from './helm-runner.js';
import type { ReleaseInventory } from './inventory.js';
import type { KubeClients } from './kube-client.js';
import { isHook, isTestHook, parseManifests, workloadsOf, type ManifestObject } from '@pitrix/helm';
import { podDemand, quotaShortfalls, releaseDemand, type PodDemand } from './quota.js';

/** How Helm says the values break the chart's values.schema.json. */
const SCHEMA_FAILURE = /values don't meet the specifications of the schema|jsonschema|schema\(s\)/i;

/** What a preflight needs of its session. */
export interface PreflightDeps {
  readonly helm: HelmRunner;
  readonly kube: KubeClients;
  readonly inventory: ReleaseInventory;
  readonly namespace: string;
  readonly createNamespace: boolean;
}

/**
 * Renders the chart, checks the namespace, dry-runs every object on the server and checks the
 * namespace's quotas. When the namespace is missing and the runtime may create namespaces, it
 * creates it (as the install would) so the dry run can judge the objects inside it.
 */
export async function preflight(deps: PreflightDeps, request: ReleaseRequest): Promise<PreflightResult> {
  const objects = await render(deps.helm, request);
  await ensureNamespace(deps);
  const resources = objects.filter((object) => !isHook(object));
  await dryRun(deps, resources);
  await checkQuotas(deps, request.release, resources);
  return { workloads: workloadsOf(objects), hasTests: objects.some(isTestHook) };
}

/** `helm template` of the request: its objects, or the chart's or the values' fault. */
async function render(helm: HelmRunner, request: ReleaseRequest): Promise<ManifestObject[]> {
  const output = await helm.raw(['template', request.release, '{chart}', '--values', '{values}'], { chart: request.chart.files, values: request.values });
  if (output.exitCode !== 0) {
    const message = helmMessage(output);
    if (SCHEMA_FAILURE.test(message)) throw new PitrixError('PACKAGE.VALUES_INVALID', `The values do not meet the chart's schema: ${message}`, [{ path: 'values', message }]);
    throw new PitrixError('PACKAGE.CHART_INVALID', `The chart does not render: ${message}`, [{ path: 'chart', message }]);
  }
  return parseManifests(output.stdout);
}

async function ensureNamespace({ kube, namespace, createNamespace }: PreflightDeps): Promise<void> {
  try {
    await kube.core.readNamespace({ name: namespace });
    return;
  } catch (err) {
    if (isConnectionFailure(err)) throw unreachable(kube.server, err);
    // A credential limited to its namespace may not read namespaces: the dry run will tell.
    if (statusOf(err) === 403) return;
    if (!isNotFound(err)) throw apiError(kube.server, `read namespace ${namespace}`, err);
  }
  if (!createNamespace) {
    throw new PitrixError('KUBERNETES.DRY_RUN_FAILED', `Namespace ${namespace} does not exist and this runtime may not create namespaces`, [
      { path: 'namespace', message: 'does not exist', found: namespace },
    ]);
  }
  await kube.core.createNamespace({ body: { metadata: { name: namespace } } }).catch((err: unknown) => {
    if (statusOf(err) !== 409) throw apiError(kube.server, `create namespace ${namespace}`, err);
  });
}

/**
 * Server-side applies every object with `dryRun=All` (so it works for objects that exist, as on
 * an upgrade), collecting every refusal; a denied one is `KUBERNETES.FORBIDDEN`.
 */
async function dryRun({ kube, namespace }: PreflightDeps, objects: readonly ManifestObject[]): Promise<void> {
  const problems: Problem[] = [];
  let forbidden: Error | undefined;
  // The objects are independent: they are dry-run side by side (a chart has a handful to dozens).
  const outcomes = await Promise.allSettled(
    objects.map((object) => {
      const spec = { ...object, metadata: { ...object.metadata, namespace: object.metadata.namespace ?? namespace } };
      return kube.objects.patch(spec, undefined, 'All', 'pitrix-preflight', true, PatchStrategy.ServerSideApply);
    }),
  );
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') return;
    const err: unknown = outcome.reason;
    const object = objects[index] as ManifestObject;
    const name = `${object.kind}/${object.metadata.name}`;
    if (isConnectionFailure(err)) throw unreachable(kube.server, err);
    const status = statusOf(err);
    if (status === 401 || status === 403) forbidden ??= apiError(kube.server, `create ${name} in namespace ${namespace}`, err);
    else if (status !== undefined && status >= 400 && status < 500) problems.push({ path: name, message: serverMessage(err) });
    else if (status === undefined && /resource .* not found|unable to find|no matches for kind/i.test(String(err))) problems.push({ path: name, message: String(err) });
    else throw apiError(kube.server, `dry-run ${name}`, err);
  });
  if (forbidden) throw forbidden;
  if (problems.length > 0) {
    const list = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    throw new PitrixError('KUBERNETES.DRY_RUN_FAILED', `The server refuses the release's objects (${list})`, problems);
  }
}

async function checkQuotas(deps: PreflightDeps, release: string, objects: readonly ManifestObject[]): Promise<void> {
  const { kube, namespace } = deps;
  let quotas: V1ResourceQuota[];
  try {
    quotas = (await kube.core.listNamespacedResourceQuota({ namespace })).items;
  } catch (err) {
    if (statusOf(err) === 403) return;
    throw apiError(kube.server, `list the resource quotas of namespace ${namespace}`, err);
  }
  if (quotas.length === 0) return;
  const problems = quotaShortfalls(quotas, releaseDemand(objects), await currentPods(deps, release));
  if (problems.length > 0) {
    throw new PitrixError('KUBERNETES.DRY_RUN_FAILED', `The namespace's resource quota cannot hold the release (${problems.map((p) => `${p.path}: ${p.message}`).join('; ')})`, problems);
  }
}

/** What the release's current pods use (none before an install). */
async function currentPods({ kube, namespace, inventory }: PreflightDeps, release: string): Promise<PodDemand[]> {
  const demands: PodDemand[] = [];
  for (const { selector } of await inventory.workloadSelectors(release)) {
    const pods = await kube.core.listNamespacedPod({ namespace, labelSelector: selector }).catch((err: unknown) => {
      throw apiError(kube.server, `list pods (${selector})`, err);
    });
    for (const pod of pods.items) if (pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') demands.push(podDemand(pod.spec));
  }
  return demands;
}
