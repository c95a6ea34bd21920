import type { V1DaemonSet, V1Deployment, V1Job, V1StatefulSet } from '@kubernetes/client-node';
import type { WorkloadRef, WorkloadStatus } from '@pitrix/provider-contract';
import { apiError, isNotFound } from './api-errors.js';
import type { KubeClients } from './kube-client.js';
import { notReadyReason } from './pods.js';

/** Counts read from a workload's status, before the pods are consulted for a reason. */
interface Observed {
  readonly desiredReplicas: number;
  readonly readyReplicas: number;
  readonly ready: boolean;
  /** The workload's own explanation (a failing condition), if any. */
  readonly reason: string;
  /** Label selector of its pods, to explain a shortfall by a not-ready pod. */
  readonly selector?: string;
}

/** A workload's readiness now; a missing workload is not ready, saying so. */
export async function workloadStatus(kube: KubeClients, namespace: string, workload: WorkloadRef): Promise<WorkloadStatus> {
  const observed = await observe(kube, namespace, workload).catch((err: unknown) => {
    if (isNotFound(err)) return undefined;
    throw apiError(kube.server, `read ${workload.kind} ${workload.name}`, err);
  });
  if (!observed) return { ...workload, desiredReplicas: 0, readyReplicas: 0, ready: false, reason: `NotFound: ${workload.kind} ${workload.name} does not exist` };
  if (observed.ready) return { ...workload, desiredReplicas: observed.desiredReplicas, readyReplicas: observed.readyReplicas, ready: true, reason: '' };
  const counts = `${observed.readyReplicas}/${observed.desiredReplicas} ready`;
  const podReason = observed.selector ? await firstPodReason(kube, namespace, observed.selector) : '';
  const reason = [counts, observed.reason, podReason].filter(Boolean).join('; ');
  return { ...workload, desiredReplicas: observed.desiredReplicas, readyReplicas: observed.readyReplicas, ready: false, reason };
}

async function observe(kube: KubeClients, namespace: string, { kind, name }: WorkloadRef): Promise<Observed> {
  switch (kind) {
    case 'Deployment':
      return deployment(await kube.apps.readNamespacedDeployment({ name, namespace }));
    case 'StatefulSet':
      return statefulSet(await kube.apps.readNamespacedStatefulSet({ name, namespace }));
    case 'DaemonSet':
      return daemonSet(await kube.apps.readNamespacedDaemonSet({ name, namespace }));
    case 'Job':
      return job(await kube.batch.readNamespacedJob({ name, namespace }));
  }
}

/** Ready when the controller saw the latest spec and every desired replica is updated and ready. */
export function deployment(d: V1Deployment): Observed {
  const desired = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  const ready = (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) && (s.updatedReplicas ?? 0) === desired && (s.readyReplicas ?? 0) === desired && (s.replicas ?? 0) === desired;
  const failing = (s.conditions ?? []).find((c) => (c.type === 'ReplicaFailure' && c.status === 'True') || (c.type === 'Progressing' && c.status === 'False'));
  return { desiredReplicas: desired, readyReplicas: s.readyReplicas ?? 0, ready, reason: conditionText(failing), selector: selectorOf(d.spec?.selector?.matchLabels) };
}

/** Ready when the controller saw the latest spec and every desired replica is updated and ready. */
export function statefulSet(set: V1StatefulSet): Observed {
  const desired = set.spec?.replicas ?? 1;
  const s = set.status ?? { replicas: 0 };
  const ready = (s.observedGeneration ?? 0) >= (set.metadata?.generation ?? 0) && (s.updatedReplicas ?? 0) === desired && (s.readyReplicas ?? 0) === desired && (s.replicas ?? 0) === desired;
  return { desiredReplicas: desired, readyReplicas: s.readyReplicas ?? 0, ready, reason: '', selector: selectorOf(set.spec?.selector?.matchLabels) };
}

/** Ready when every node that should run a pod runs an updated, ready one. */
export function daemonSet(set: V1DaemonSet): Observed {
  const s = set.status ?? { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
  const desired = s.desiredNumberScheduled;
  const ready = (s.observedGeneration ?? 0) >= (set.metadata?.generation ?? 0) && s.numberReady === desired && (s.updatedNumberScheduled ?? 0) === desired;
  return { desiredReplicas: desired, readyReplicas: s.numberReady, ready, reason: '', selector: selectorOf(set.spec?.selector?.matchLabels) };
}

/** Ready when complete; a failed Job says why. */
export function job(j: V1Job): Observed {
  const conditions = j.status?.conditions ?? [];
  const complete = conditions.some((c) => c.type === 'Complete' && c.status === 'True');
  const failed = conditions.find((c) => c.type === 'Failed' && c.status === 'True');
  const uid = j.metadata?.uid;
  return {
    desiredReplicas: j.spec?.completions ?? 1,
    readyReplicas: j.status?.succeeded ?? 0,
    ready: complete,
    reason: conditionText(failed),
    selector: uid ? `batch.kubernetes.io/controller-uid=${uid}` : undefined,
  };
}

async function firstPodReason(kube: KubeClients, namespace: string, selector: string): Promise<string> {
  const pods = await kube.core.listNamespacedPod({ namespace, labelSelector: selector }).catch((err: unknown) => {
    throw apiError(kube.server, `list pods (${selector})`, err);
  });
  const notReady = pods.items
    .filter((pod) => !pod.metadata?.deletionTimestamp && !pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  const pod = notReady[0];
  return pod ? `pod ${pod.metadata?.name ?? ''}: ${notReadyReason(pod)}` : '';
}

function conditionText(condition: { readonly reason?: string; readonly message?: string } | undefined): string {
  return condition ? [condition.reason, condition.message].filter(Boolean).join(': ') : '';
}

function selectorOf(labels: Readonly<Record<string, string>> | undefined): string | undefined {
  return labels && Object.keys(labels).length > 0 ? Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') : undefined;
}
