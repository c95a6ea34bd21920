import { PitrixError, type Problem } from '@pitrix/errors';
import { ClusterOperation, type ClusterOperationPlanInput } from './dto/cluster-plan.input.js';
import { backupOperation, resizeOperation, runActionOperation, type ClusterOperationRequest } from './operation-request.js';

type ArgumentField = Exclude<keyof ClusterOperationPlanInput, 'operation'>;

/** The fields each operation needs and may take, as its mutation's arguments. */
const FIELDS: Readonly<Record<ClusterOperation, { required: readonly ArgumentField[]; optional?: readonly ArgumentField[] }>> = {
  [ClusterOperation.CREATE]: { required: ['create'] },
  [ClusterOperation.START]: { required: ['clusterId'] },
  [ClusterOperation.STOP]: { required: ['clusterId'] },
  [ClusterOperation.RESTART]: { required: ['clusterId'] },
  [ClusterOperation.DELETE]: { required: ['clusterId'], optional: ['force'] },
  [ClusterOperation.CEASE]: { required: ['clusterId'], optional: ['force'] },
  [ClusterOperation.RECOVER]: { required: ['clusterId'] },
  [ClusterOperation.UPGRADE]: { required: ['clusterId', 'upgrade'] },
  [ClusterOperation.ADD_NODES]: { required: ['clusterId', 'role', 'count'] },
  [ClusterOperation.DELETE_NODES]: { required: ['clusterId', 'nodeIds'], optional: ['force'] },
  [ClusterOperation.RESIZE]: { required: ['clusterId', 'resize'] },
  [ClusterOperation.UPDATE_ENV]: { required: ['clusterId', 'values'] },
  [ClusterOperation.RUN_ACTION]: { required: ['clusterId', 'action'] },
  [ClusterOperation.BACKUP]: { required: ['clusterId'], optional: ['snapshotId'] },
  [ClusterOperation.RESTORE]: { required: ['clusterId', 'snapshotId'] },
  [ClusterOperation.DELETE_BACKUP]: { required: ['clusterId', 'snapshotId'] },
};

/**
 * The request the operation's mutation would make from these arguments. Every missing field and
 * every field the operation does not take is reported at once (`INPUT.INVALID`, one problem each).
 */
export function requestFromPlanInput(input: ClusterOperationPlanInput): ClusterOperationRequest {
  // Past this check every field the operation requires is present (hence the `!`s below).
  checkFields(input);
  const clusterId = input.clusterId as string;
  switch (input.operation) {
    case ClusterOperation.CREATE:
      return { kind: 'create', input: input.create! };
    case ClusterOperation.UPGRADE:
      return { kind: 'upgrade', clusterId, input: input.upgrade! };
    case ClusterOperation.UPDATE_ENV:
      return { kind: 'updateEnv', clusterId, values: input.values! };
    case ClusterOperation.START:
      return { kind: 'operate', clusterId, operation: { action: 'start' } };
    case ClusterOperation.STOP:
      return { kind: 'operate', clusterId, operation: { action: 'stop' } };
    case ClusterOperation.RESTART:
      return { kind: 'operate', clusterId, operation: { action: 'restart' } };
    case ClusterOperation.CEASE:
      return { kind: 'operate', clusterId, operation: { action: 'cease' }, force: input.force ?? false };
    case ClusterOperation.RECOVER:
      return { kind: 'operate', clusterId, operation: { action: 'recover' } };
    case ClusterOperation.DELETE:
      return { kind: 'operate', clusterId, operation: { action: 'delete', force: input.force ?? false } };
    case ClusterOperation.ADD_NODES:
      return { kind: 'operate', clusterId, operation: { action: 'addNodes', role: input.role!, count: input.count! } };
    case ClusterOperation.DELETE_NODES:
      return { kind: 'operate', clusterId, operation: { action: 'deleteNodes', nodeIds: input.nodeIds!, force: input.force ?? false } };
    case ClusterOperation.RESIZE:
      return { kind: 'operate', clusterId, operation: resizeOperation(input.resize!) };
    case ClusterOperation.RUN_ACTION:
      return { kind: 'operate', clusterId, operation: runActionOperation(input.action!) };
    case ClusterOperation.BACKUP:
      return { kind: 'operate', clusterId, operation: backupOperation(input.snapshotId) };
    case ClusterOperation.RESTORE:
      return { kind: 'operate', clusterId, operation: { action: 'restore', snapshotId: input.snapshotId! } };
    case ClusterOperation.DELETE_BACKUP:
      return { kind: 'operate', clusterId, operation: { action: 'deleteSnapshot', snapshotId: input.snapshotId! } };
  }
}

function checkFields(input: ClusterOperationPlanInput): void {
  const { required, optional = [] } = FIELDS[input.operation];
  const name = operationName(input.operation);
  const given = (Object.keys(input) as ArgumentField[]).filter((field) => (field as string) !== 'operation' && input[field] !== undefined && input[field] !== null);
  const problems: Problem[] = [
    ...required.filter((field) => !given.includes(field)).map((field) => ({ path: field, code: 'required', message: `required for ${name}` })),
    ...given.filter((field) => !required.includes(field) && !optional.includes(field)).map((field) => ({ path: field, code: 'unexpected', message: `not taken by ${name}` })),
  ];
  if (problems.length === 0) return;
  throw new PitrixError('INPUT.INVALID', `${name}: ${problems.map((problem) => `${problem.path} ${problem.message}`).join('; ')}`, problems);
}

/** The enum name of an operation (ADD_NODES), as the caller wrote it. */
function operationName(operation: ClusterOperation): string {
  return Object.entries(ClusterOperation).find(([, value]) => value === operation)?.[0] ?? operation;
}
