import type { Action } from './operations.js';
import type { ClusterStatus, TransitionStatus } from './state.js';

/** What a cluster shows while a job of each action runs. */
export const TRANSITION_OF: Readonly<Record<Action, TransitionStatus>> = {
  create: 'creating',
  start: 'starting',
  stop: 'stopping',
  restart: 'restarting',
  delete: 'deleting',
  cease: 'ceasing',
  recover: 'recovering',
  upgrade: 'upgrading',
  rollback: 'rolling-back',
  addNodes: 'scaling-out',
  deleteNodes: 'scaling-in',
  resize: 'resizing',
  updateEnv: 'updating',
  runAction: 'running-action',
  backup: 'backing-up',
  restore: 'restoring',
  deleteSnapshot: 'deleting-backup',
  heal: 'healing',
};

/**
 * The status a cluster has after a successful job of an action. Actions that change nothing
 * about whether the cluster runs keep the status it had before (`previous`).
 */
export function statusAfter(action: Action, previous: ClusterStatus): ClusterStatus {
  switch (action) {
    case 'create':
    case 'start':
    case 'restart':
    case 'recover':
    case 'upgrade':
      return 'active';
    case 'stop':
      return 'stopped';
    case 'delete':
      return 'deleted';
    case 'cease':
      return 'ceased';
    default:
      return previous === 'failed' ? 'active' : previous;
  }
}

/** The status after a failed job was rolled back: what it was before, or ceased for a create. */
export function statusAfterRollback(action: Action, previous: ClusterStatus): ClusterStatus {
  return action === 'create' ? 'ceased' : previous;
}
