import { taskNodeId, type NodeState, type Plan, type StoredClusterEvent, type Task, type TaskFailure as TaskFailureData } from '@pitrix/cluster-model';
import type { ClusterRow, TaskRow } from '@pitrix/cluster-store';
import type { PreparedOperation } from './cluster-operation-preparer.js';
import type { ClusterOperation } from './dto/cluster-plan.input.js';
import type { ClusterOperationPlan } from './models/cluster-plan.model.js';
import type { Cluster, ClusterNode } from './models/cluster.model.js';
import type { ClusterEventView, JobLayer, JobTask, TaskFailure } from './models/job.model.js';

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
    healing: { enabled: row.healEnabled, graceSeconds: row.healGraceSeconds },
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
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

/** The API view of a stored event. */
export function toEvent(event: StoredClusterEvent): ClusterEventView {
  return { sequence: event.sequence, clusterId: event.clusterId, type: event.event.type, recordedAt: new Date(event.recordedAt), payload: JSON.stringify(event.event) };
}

/** The API view of a prepared operation's plan (for CREATE, no cluster id: there is no cluster yet). */
export function toOperationPlan(operation: ClusterOperation, prepared: PreparedOperation): ClusterOperationPlan {
  const clusterId = prepared.operation.action === 'create' ? null : prepared.clusterId;
  return { operation, action: prepared.operation.action, clusterId, placement: prepared.placement, ...toPlanView(prepared.plan) };
}

/**
 * A plan's layers as a job shows them before it starts (every task pending), and the nodes its
 * `registerNodes` tasks would add.
 */
function toPlanView(plan: Plan): { layers: JobLayer[]; newNodes: ClusterNode[] } {
  const byId = new Map(plan.tasks.map((task) => [task.id, task]));
  const layers = plan.layers.map((ids, index) => ({ index, tasks: ids.map((id) => toPlannedTask(byId.get(id) as Task, index)) }));
  const newNodes = plan.tasks.flatMap((task) => (task.spec.type === 'registerNodes' ? task.spec.nodes.map(toNode) : []));
  return { layers, newNodes };
}

function toPlannedTask(task: Task, layer: number): JobTask {
  return {
    id: task.id,
    layer,
    type: task.spec.type,
    title: task.title,
    nodeId: taskNodeId(task),
    status: 'pending',
    attempts: 0,
    allowedFailure: task.failureAllowed ?? false,
    rollback: false,
    failure: null,
    startedAt: null,
    finishedAt: null,
  };
}
