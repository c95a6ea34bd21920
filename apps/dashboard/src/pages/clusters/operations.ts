import type { Client } from 'urql';
import type { PlanInput } from '../../components/PlanPreview.js';
import * as M from './operation-mutations.js';

export type OperationName = 'START' | 'STOP' | 'RESTART' | 'ADD_NODES' | 'DELETE_NODES' | 'RESIZE' | 'UPGRADE' | 'UPDATE_ENV' | 'RUN_ACTION' | 'BACKUP' | 'RESTORE' | 'DELETE' | 'RECOVER' | 'CEASE';

export interface RoleSize {
  readonly role: string;
  readonly cpu?: number;
  readonly memoryMiB?: number;
  readonly volumeSizeGiB?: number;
}

/** What the operation forms collect; each operation reads only its own fields. */
export interface OperationArgs {
  readonly role?: string;
  readonly count?: number;
  readonly nodeIds?: readonly string[];
  readonly force?: boolean;
  readonly roles?: readonly RoleSize[];
  readonly appVersionId?: string;
  readonly values?: Record<string, unknown>;
  readonly actionName?: string;
  readonly actionParams?: Record<string, unknown>;
  readonly snapshotId?: string;
}

export interface OperationSpec {
  readonly name: OperationName;
  readonly label: string;
  /** Cluster statuses it starts from: the planner's status rules (libs/planner/src/status-rules.ts). */
  readonly statuses: readonly string[];
  readonly danger?: boolean;
}

export const OPERATIONS: readonly OperationSpec[] = [
  { name: 'START', label: 'Start', statuses: ['stopped'] },
  { name: 'STOP', label: 'Stop', statuses: ['active'] },
  { name: 'RESTART', label: 'Restart', statuses: ['active'] },
  { name: 'ADD_NODES', label: 'Scale out', statuses: ['active'] },
  { name: 'DELETE_NODES', label: 'Scale in', statuses: ['active'] },
  { name: 'RESIZE', label: 'Resize', statuses: ['active', 'stopped'] },
  { name: 'UPGRADE', label: 'Upgrade', statuses: ['active'] },
  { name: 'UPDATE_ENV', label: 'Update environment', statuses: ['active'] },
  { name: 'RUN_ACTION', label: 'Run action', statuses: ['active'] },
  { name: 'BACKUP', label: 'Back up', statuses: ['active'] },
  { name: 'RESTORE', label: 'Restore', statuses: ['active'] },
  { name: 'DELETE', label: 'Delete', statuses: ['active', 'stopped', 'failed'], danger: true },
  { name: 'RECOVER', label: 'Recover', statuses: ['deleted'] },
  { name: 'CEASE', label: 'Cease', statuses: ['deleted'], danger: true },
];

/** The operations a cluster in this status allows; none while a job is running on it. */
export function allowedOperations(status: string, transitionStatus: string): OperationSpec[] {
  if (transitionStatus) return [];
  return OPERATIONS.filter((op) => op.statuses.includes(status));
}

const resize = (args: OperationArgs) => ({ roles: (args.roles ?? []).map((r) => ({ ...r })) });

/** The plan query's input for an operation, the same arguments its mutation gets. */
export function planInput(name: OperationName, clusterId: string, args: OperationArgs): PlanInput {
  const base = { operation: name, clusterId };
  switch (name) {
    case 'ADD_NODES':
      return { ...base, role: args.role ?? '', count: args.count ?? 1 };
    case 'DELETE_NODES':
      return { ...base, nodeIds: [...(args.nodeIds ?? [])], force: args.force ?? false };
    case 'RESIZE':
      return { ...base, resize: resize(args) };
    case 'UPGRADE':
      return { ...base, upgrade: { appVersionId: args.appVersionId ?? '' } };
    case 'UPDATE_ENV':
      return { ...base, values: args.values ?? {} };
    case 'RUN_ACTION':
      return { ...base, action: { name: args.actionName ?? '', params: args.actionParams ?? {} } };
    case 'BACKUP':
      return args.snapshotId ? { ...base, snapshotId: args.snapshotId } : base;
    case 'RESTORE':
      return { ...base, snapshotId: args.snapshotId ?? '' };
    case 'DELETE':
      return { ...base, force: args.force ?? false };
    default:
      return base;
  }
}

/** Runs the operation's mutation; resolves to the accepted job's id, or throws the urql error. */
export async function runOperation(client: Client, name: OperationName, id: string, args: OperationArgs): Promise<string> {
  const result = await (() => {
    switch (name) {
      case 'START':
        return client.mutation(M.START, { id }).toPromise().then((r) => ({ error: r.error, jobId: r.data?.startCluster.jobId }));
      case 'STOP':
        return client.mutation(M.STOP, { id }).toPromise().then((r) => ({ error: r.error, jobId: r.data?.stopCluster.jobId }));
      case 'RESTART':
        return client.mutation(M.RESTART, { id }).toPromise().then((r) => ({ error: r.error, jobId: r.data?.restartCluster.jobId }));
      case 'ADD_NODES':
        return client.mutation(M.ADD_NODES, { id, role: args.role ?? '', count: args.count ?? 1 }).toPromise().then((r) => ({ error: r.error, jobId: r.data?.addNodes.jobId }));
      case 'DELETE_NODES':
        return client
          .mutation(M.DELETE_NODES, { id, nodeIds: [...(args.nodeIds ?? [])], force: args.force ?? false })
          .toPromise()
          .then((r) => ({ error: r.error, jobId: r.data?.deleteNodes.jobId }));
      case 'RESIZE':
        return client.mutation(M.RESIZE, { id, input: resize(args) }).toPromise().then((r) => ({ error: r.error, jobId: r.data?.resizeCluster.jobId }));
      case 'UPGRADE':
        return client.mutation(M.UPGRADE, { id, input: { appVersionId: args.appVersionId ?? '' } }).toPromise().then((r) => ({ error: r.error, jobId: r.data?.upgradeCluster.jobId }));
      case 'UPDATE_ENV':
        return client.mutation(M.UPDATE_ENV, { id, values: args.values ?? {} }).toPromise().then((r) => ({ error: r.error, jobId: r.data?.updateClusterEnv.jobId }));
      case 'RUN_ACTION':
        return client
          .mutation(M.RUN_ACTION, { id, input: { name: args.actionName ?? '', params: args.actionParams ?? {} } })
          .toPromise()
          .then((r) => ({ error: r.error, jobId: r.data?.runClusterAction.jobId }));
      case 'BACKUP':
        return client.mutation(M.BACKUP, { id, snapshotId: args.snapshotId || null }).toPromise().then((r) => ({ error: r.error, jobId: r.data?.backupCluster.jobId }));
      case 'RESTORE':
        return client.mutation(M.RESTORE, { id, snapshotId: args.snapshotId ?? '' }).toPromise().then((r) => ({ error: r.error, jobId: r.data?.restoreCluster.jobId }));
      case 'DELETE':
        return client.mutation(M.DELETE, { id, force: args.force ?? false }).toPromise().then((r) => ({ error: r.error, jobId: r.data?.deleteCluster.jobId }));
      case 'RECOVER':
        return client.mutation(M.RECOVER, { id }).toPromise().then((r) => ({ error: r.error, jobId: r.data?.recoverCluster.jobId }));
      case 'CEASE':
        return client.mutation(M.CEASE, { id }).toPromise().then((r) => ({ error: r.error, jobId: r.data?.ceaseCluster.jobId }));
    }
  })();
  if (result.error) throw result.error;
  if (!result.jobId) throw new Error('the API accepted no job');
  return result.jobId;
}
