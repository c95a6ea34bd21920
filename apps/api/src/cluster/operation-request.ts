import type { Operation } from '@pitrix/cluster-model';
import type { CreateClusterInput, ResizeClusterInput, RunClusterActionInput, UpgradeClusterInput } from './dto/cluster.input.js';

/**
 * A cluster operation as a caller asks for it, before any check: what a mutation submits and
 * what `planClusterOperation` plans. Create, upgrade and update-env load a package; every other
 * operation works from the cluster's current package and values.
 */
export type ClusterOperationRequest =
  | { readonly kind: 'create'; readonly input: CreateClusterInput }
  | { readonly kind: 'upgrade'; readonly clusterId: string; readonly input: UpgradeClusterInput }
  | { readonly kind: 'updateEnv'; readonly clusterId: string; readonly values: Record<string, unknown> }
  /** `force` is cease's: delete carries its own in the operation. Either lets a linked cluster go. */
  | { readonly kind: 'operate'; readonly clusterId: string; readonly operation: Operation; readonly force?: boolean };

/** The operation of `resizeCluster`. */
export function resizeOperation(input: ResizeClusterInput): Operation {
  return { action: 'resize', roles: input.roles.map((r) => ({ role: r.role, cpu: r.cpu, memoryMiB: r.memoryMiB, volumeSizeGiB: r.volumeSizeGiB })) };
}

/** The operation of `runClusterAction`. */
export function runActionOperation(input: RunClusterActionInput): Operation {
  return { action: 'runAction', name: input.name, params: input.params ?? {} };
}

/** The operation of `backupCluster`: under the snapshot id given, or a new one. */
export function backupOperation(snapshotId: string | undefined): Operation {
  return { action: 'backup', snapshotId: snapshotId ?? `snap-${Date.now().toString(36)}` };
}
