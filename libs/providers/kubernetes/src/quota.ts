import type { V1PodSpec, V1ResourceQuota } from '@kubernetes/client-node';
import type { Problem } from '@pitrix/errors';
import { isHook, isWorkloadKind, type ManifestObject } from '@pitrix/helm';
import { parseQuantity } from './quantity.js';

/** The quota resources the check understands, each with what a pod counts toward it. */
const TRACKED: Readonly<Record<string, (pod: PodDemand) => number>> = {
  pods: () => 1,
  cpu: (pod) => pod.requestsCpu,
  'requests.cpu': (pod) => pod.requestsCpu,
  memory: (pod) => pod.requestsMemory,
  'requests.memory': (pod) => pod.requestsMemory,
  'limits.cpu': (pod) => pod.limitsCpu,
  'limits.memory': (pod) => pod.limitsMemory,
};

/** What one pod asks for, in cores and bytes. */
export interface PodDemand {
  readonly requestsCpu: number;
  readonly requestsMemory: number;
  readonly limitsCpu: number;
  readonly limitsMemory: number;
}

/** What a pod spec asks for: the sum over its containers (a missing value counts as 0). */
export function podDemand(spec: V1PodSpec | undefined): PodDemand {
  const sum = (pick: (r: { requests?: Record<string, string>; limits?: Record<string, string> }) => string | undefined): number =>
    (spec?.containers ?? []).reduce((total, container) => total + (parseQuantity(pick(container.resources ?? {})) ?? 0), 0);
  return {
    requestsCpu: sum((r) => r.requests?.cpu),
    requestsMemory: sum((r) => r.requests?.memory),
    limitsCpu: sum((r) => r.limits?.cpu),
    limitsMemory: sum((r) => r.limits?.memory),
  };
}

/** The pods a rendered release asks for: each workload's template times its replicas (a DaemonSet counts once). */
export function releaseDemand(objects: readonly ManifestObject[]): Array<{ pod: PodDemand; count: number }> {
  return objects
    .filter((object) => !isHook(object) && isWorkloadKind(object.kind))
    .map((object) => {
      const spec = object.spec ?? {};
      const count = object.kind === 'Job' ? Number(spec.parallelism ?? 1) : object.kind === 'DaemonSet' ? 1 : Number(spec.replicas ?? 1);
      const template = (spec.template as { spec?: V1PodSpec } | undefined)?.spec;
      return { pod: podDemand(template), count };
    });
}

/**
 * Compares what the release asks for with what each quota has left, counting what the release's
 * current pods already use as available (an upgrade replaces them). Returns a problem per
 * quota resource that would be exceeded.
 */
export function quotaShortfalls(quotas: readonly V1ResourceQuota[], demand: ReadonlyArray<{ pod: PodDemand; count: number }>, current: readonly PodDemand[]): Problem[] {
  const problems: Problem[] = [];
  for (const quota of quotas) {
    const hard = quota.status?.hard ?? quota.spec?.hard ?? {};
    const used = quota.status?.used ?? {};
    for (const [resource, perPod] of Object.entries(TRACKED)) {
      const limit = parseQuantity(hard[resource]);
      if (limit === undefined) continue;
      const asked = demand.reduce((total, { pod, count }) => total + perPod(pod) * count, 0);
      const released = current.reduce((total, pod) => total + perPod(pod), 0);
      const left = limit - (parseQuantity(used[resource]) ?? 0) + released;
      if (asked > left + 1e-9) {
        problems.push({
          path: `resourceQuota.${quota.metadata?.name ?? ''}.${resource}`,
          message: `the release asks for ${format(resource, asked)} of ${resource}; the quota has ${format(resource, Math.max(left, 0))} left`,
          expected: `<= ${format(resource, Math.max(left, 0))}`,
          found: format(resource, asked),
        });
      }
    }
  }
  return problems;
}

function format(resource: string, value: number): string {
  if (resource.endsWith('memory')) return `${Math.round(value / 2 ** 20)}Mi`;
  if (resource.endsWith('cpu')) return `${Math.round(value * 1000)}m`;
  return String(value);
}
