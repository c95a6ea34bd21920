import { ACTIONS, type Action, type ClusterStatus, type Operation } from '@pitrix/cluster-model';
import { isPitrixError } from '@pitrix/errors';
import { describe, expect, it } from 'vitest';
import { allowedStatuses, planJob } from '../src/index.js';
import { codeOf, thrownBy } from './fixtures/assertions.js';
import { blueprint, hook, role } from './fixtures/blueprints.js';
import { cluster, createdNodes } from './fixtures/states.js';

const STATUSES: readonly ClusterStatus[] = ['pending', 'active', 'stopped', 'failed', 'deleted', 'ceased'];

const BLUEPRINT = blueprint(role('db', { count: 2, services: { start: hook('start'), backup: hook('backup'), delete_snapshot: hook('delete-snapshot'), act: hook('act', { type: 'custom' }) } }));
const NODES = createdNodes(BLUEPRINT);

const OPERATIONS: Readonly<Record<Action, Operation>> = {
  create: { action: 'create', atomic: false },
  start: { action: 'start' },
  stop: { action: 'stop' },
  restart: { action: 'restart' },
  delete: { action: 'delete', force: false },
  cease: { action: 'cease' },
  recover: { action: 'recover' },
  upgrade: { action: 'upgrade', targetVersionId: 'appv-2', canary: 1, maxInFlight: 1 },
  rollback: { action: 'rollback', jobId: 'job-failed' },
  addNodes: { action: 'addNodes', role: 'db', count: 1 },
  deleteNodes: { action: 'deleteNodes', nodeIds: [NODES[0]?.nodeId as string], force: false },
  resize: { action: 'resize', roles: [{ role: 'db', cpu: 2 }] },
  updateEnv: { action: 'updateEnv' },
  runAction: { action: 'runAction', name: 'act', params: {} },
  backup: { action: 'backup', snapshotId: 'snap-1' },
  restore: { action: 'restore', snapshotId: 'snap-1' },
  deleteSnapshot: { action: 'deleteSnapshot', snapshotId: 'snap-1' },
  heal: { action: 'heal', nodeIds: [NODES[0]?.nodeId as string], reason: 'HeartbeatMissing' },
};

// The statuses each action may start from, written out once more as the rule reads.
const RULES: Readonly<Record<Action, readonly ClusterStatus[]>> = {
  create: ['pending'],
  start: ['stopped'],
  stop: ['active'],
  restart: ['active'],
  upgrade: ['active'],
  addNodes: ['active'],
  deleteNodes: ['active'],
  resize: ['active', 'stopped'],
  updateEnv: ['active'],
  runAction: ['active'],
  backup: ['active'],
  restore: ['active'],
  delete: ['active', 'stopped', 'failed'],
  cease: ['deleted'],
  recover: ['deleted'],
  rollback: ['failed'],
  deleteSnapshot: ['active'],
  heal: ['active'],
};

const CASES = ACTIONS.flatMap((action) => STATUSES.map((status) => [action, status, RULES[action].includes(status)] as const));

describe('planJob: the cluster status must allow the operation', () => {
  it.each(CASES)('%s from %s allowed=%s', (action, status, allowed) => {
    const state = cluster(status, action === 'create' ? [] : NODES);
    const plan = () => planJob({ jobId: 'job-1', operation: OPERATIONS[action], blueprint: BLUEPRINT, state });
    if (allowed) {
      expect(plan().layers).toBeDefined();
      return;
    }
    const error = thrownBy(plan);
    expect(isPitrixError(error) && error.code).toBe('CLUSTER.INVALID_STATE');
    expect(isPitrixError(error) && error.problems[0]).toMatchObject({ found: status, expected: RULES[action].join(', ') });
  });

  it.each<[ClusterStatus, boolean]>([
    ['pending', true],
    ['active', true],
    ['stopped', true],
    ['failed', true],
    ['deleted', false],
    ['ceased', false],
  ])('a forced delete from %s allowed=%s', (status, allowed) => {
    expect(allowedStatuses({ action: 'delete', force: true }).includes(status)).toBe(allowed);
    const plan = () => planJob({ jobId: 'job-1', operation: { action: 'delete', force: true }, blueprint: BLUEPRINT, state: cluster(status, NODES) });
    if (allowed) expect(plan().tasks.length).toBeGreaterThan(0);
    else expect(codeOf(plan)).toBe('CLUSTER.INVALID_STATE');
  });
});
