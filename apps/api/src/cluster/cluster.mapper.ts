import type { NodeState, TaskFailure as TaskFailureData } from '@pitrix/cluster-model';
import type { ClusterRow, TaskRow } from '@pitrix/cluster-store';
import type { StoredClusterEvent } from '@pitrix/cluster-model';
import type { Cluster, ClusterNode } from './models/cluster.model.js';
import type { ClusterEventView, JobTask, TaskFailure } from './models/job.model.js';

/** The API view of a cluster row. */
export function toCluster(row: ClusterRow): Cluster {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    appId: row.appId,
    versionId: row.versionId,
    runtimeId: row.runtimeId,
    status: row.status,
    transitionStatus: row.transitionStatus,
    statusReason: row.statusReason,
    statusMessage: row.statusMessage,
    lastJobId: row.lastJobId,
    failedJobId: row.failedJobId,
    owner: row.owner,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}

/** The API view of a node (no token or key: they are for the cluster's own nodes). */
export function toNode(node: NodeState): ClusterNode {
  return {
    id: node.nodeId,
    role: node.role,
    baseRole: node.baseRole,
    serverId: node.serverId,
    groupId: node.groupId,
    status: node.status,
    instanceId: node.instanceId,
    privateIp: node.privateIp,
    cpu: node.cpu,
    memoryMiB: node.memoryMiB,
    volumeSizeGiB: node.volumeSizeGiB,
  };
}

/** The API view of a failure. */
export function toFailure(failure: TaskFailureData | null): TaskFailure | null {
  if (!failure) return null;
  return { code: failure.code, message: failure.message, exitCode: failure.exitCode ?? null, stdoutTail: failure.stdoutTail ?? null, stderrTail: failure.stderrTail ?? null };
}

/** The API view of a task row. */
export function toTask(row: TaskRow): JobTask {
  return {
    id: row.taskId,
    layer: row.layer,
    type: row.type,
    title: row.title,
    nodeId: row.nodeId,
    status: row.status,
    attempts: row.attempts,
    allowedFailure: row.allowedFailure,
    rollback: row.rollback,
    failure: toFailure(row.failure),
  };
}

/** The API view of a stored event. */
export function toEvent(event: StoredClusterEvent): ClusterEventView {
  return { sequence: event.sequence, clusterId: event.clusterId, type: event.event.type, recordedAt: new Date(event.recordedAt), payload: JSON.stringify(event.event) };
}
