import { PitrixError } from '@pitrix/errors';
import type { WorkloadRef } from '@pitrix/provider-contract';
import { apiError, statusOf } from './api-errors.js';
import type { KubeClients } from './kube-client.js';

/** How often a scale is tried again when someone else changed the workload in between. */
const CONFLICT_ATTEMPTS = 5;

/**
 * Sets a Deployment's or StatefulSet's replica count through its scale subresource (read, then
 * replace with the read version, again on a conflict). Setting the count it already has is a
 * no-op. DaemonSets and Jobs have no replica count: `INPUT.INVALID`.
 */
export async function scaleWorkload(kube: KubeClients, namespace: string, workload: WorkloadRef, replicas: number): Promise<void> {
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw new PitrixError('INPUT.INVALID', `Cannot scale ${workload.kind} ${workload.name} to ${replicas} replicas`, [{ path: 'replicas', message: 'must be a whole number >= 0', found: replicas }]);
  }
  if (workload.kind !== 'Deployment' && workload.kind !== 'StatefulSet') {
    throw new PitrixError('INPUT.INVALID', `A ${workload.kind} has no replica count to scale`, [{ path: 'workload.kind', message: 'not scalable', expected: 'Deployment or StatefulSet', found: workload.kind }]);
  }
  const { name } = workload;
  for (let attempt = 1; ; attempt++) {
    try {
      const scale = workload.kind === 'Deployment' ? await kube.apps.readNamespacedDeploymentScale({ name, namespace }) : await kube.apps.readNamespacedStatefulSetScale({ name, namespace });
      if (scale.spec?.replicas === replicas) return;
      const body = { ...scale, spec: { ...scale.spec, replicas } };
      if (workload.kind === 'Deployment') await kube.apps.replaceNamespacedDeploymentScale({ name, namespace, body, fieldManager: 'pitrix' });
      else await kube.apps.replaceNamespacedStatefulSetScale({ name, namespace, body, fieldManager: 'pitrix' });
      return;
    } catch (err) {
      if (statusOf(err) === 409 && attempt < CONFLICT_ATTEMPTS) continue;
      if (statusOf(err) === 404) throw new PitrixError('RUNTIME.NOT_FOUND', `${workload.kind} ${name} does not exist in namespace ${namespace}`);
      throw apiError(kube.server, `scale ${workload.kind} ${name}`, err);
    }
  }
}
