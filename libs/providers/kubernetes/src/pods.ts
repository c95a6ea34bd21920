import type { V1Pod } from '@kubernetes/client-node';
import type { ReleasePod, WorkloadRef } from '@pitrix/provider-contract';
import { apiError } from './api-errors.js';
import type { KubeClients } from './kube-client.js';

/** Lists the pods of a release's workloads, each with its readiness. */
export async function listReleasePods(
  kube: KubeClients,
  namespace: string,
  workloads: ReadonlyArray<{ readonly workload: WorkloadRef; readonly selector: string }>,
): Promise<ReleasePod[]> {
  const seen = new Set<string>();
  const pods: ReleasePod[] = [];
  for (const { workload, selector } of workloads) {
    const list = await kube.core.listNamespacedPod({ namespace, labelSelector: selector }).catch((err: unknown) => {
      throw apiError(kube.server, `list the pods of ${workload.kind} ${workload.name}`, err);
    });
    for (const pod of list.items) {
      const view = podView(pod, workload);
      // Selectors of two workloads may overlap; a pod counts once, for the first.
      if (seen.has(view.uid)) continue;
      seen.add(view.uid);
      pods.push(view);
    }
  }
  return pods.sort((a, b) => a.name.localeCompare(b.name));
}

/** A pod as the contract shows it: ready, and why not from its Ready condition. */
export function podView(pod: V1Pod, workload: WorkloadRef): ReleasePod {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  const isReady = ready?.status === 'True';
  return {
    uid: pod.metadata?.uid ?? '',
    name: pod.metadata?.name ?? '',
    workload,
    phase: pod.status?.phase ?? 'Unknown',
    ip: pod.status?.podIP ?? '',
    ready: isReady,
    reason: isReady ? '' : notReadyReason(pod),
    readyChangedAt: timeText(ready?.lastTransitionTime),
    deleting: pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null,
  };
}

/** Why a pod is not ready: its Ready condition's reason and message, else why it is not scheduled, else its phase. */
export function notReadyReason(pod: V1Pod): string {
  const conditions = pod.status?.conditions ?? [];
  const ready = conditions.find((c) => c.type === 'Ready' && c.status !== 'True');
  const scheduled = conditions.find((c) => c.type === 'PodScheduled' && c.status !== 'True');
  const condition = scheduled ?? ready;
  if (condition && (condition.reason || condition.message)) return [condition.reason, condition.message].filter(Boolean).join(': ');
  return `pod is ${pod.status?.phase ?? 'Unknown'}`;
}

function timeText(time: Date | string | undefined): string {
  if (time === undefined || time === null) return '';
  const date = time instanceof Date ? time : new Date(time);
  return Number.isNaN(date.getTime()) ? String(time) : date.toISOString();
}
