import type { Action, ClusterState, ClusterStatus, Operation } from '@pitrix/cluster-model';
import { PitrixError } from '@pitrix/errors';

const ACTIVE: readonly ClusterStatus[] = ['active'];

// Which cluster status each action starts from. Everything that runs hooks on live nodes needs
// `active`; resize also works on a stopped cluster (it then only resizes, see resize.ts).
const ALLOWED: Readonly<Record<Action, readonly ClusterStatus[]>> = {
  create: ['pending'],
  start: ['stopped'],
  stop: ACTIVE,
  restart: ACTIVE,
  upgrade: ACTIVE,
  addNodes: ACTIVE,
  deleteNodes: ACTIVE,
  resize: ['active', 'stopped'],
  updateEnv: ACTIVE,
  runAction: ACTIVE,
  backup: ACTIVE,
  restore: ACTIVE,
  deleteSnapshot: ACTIVE,
  delete: ['active', 'stopped', 'failed'],
  cease: ['deleted'],
  recover: ['deleted'],
  rollback: ['failed'],
  heal: ACTIVE,
};

// A forced delete is the way out of any state short of being deleted already.
const FORCED_DELETE: readonly ClusterStatus[] = ['pending', 'active', 'stopped', 'failed'];

/** The cluster statuses an operation may start from (a forced delete: any but `deleted` and `ceased`). */
export function allowedStatuses(operation: Operation): readonly ClusterStatus[] {
  if (operation.action === 'delete' && operation.force) return FORCED_DELETE;
  return ALLOWED[operation.action];
}

/** Throws `CLUSTER.INVALID_STATE`, naming the status and the allowed ones, when the cluster's status does not allow the operation. */
export function checkStatus(operation: Operation, state: ClusterState): void {
  const allowed = allowedStatuses(operation);
  if (allowed.includes(state.status)) return;
  throw new PitrixError(
    'CLUSTER.INVALID_STATE',
    `cannot ${operation.action} cluster ${state.clusterId}: its status is ${state.status}, and ${operation.action} needs ${allowed.join(' or ')}`,
    [{ path: 'status', message: `${operation.action} is not allowed in status ${state.status}`, expected: allowed.join(', '), found: state.status }],
  );
}
