import type { Operation, Plan } from '@pitrix/cluster-model';
import { isPitrixError } from '@pitrix/errors';
import type { Blueprint } from '@pitrix/package';
import { describe, expect, it } from 'vitest';
import { planJob } from '../src/index.js';
import { codeOf, thrownBy } from './fixtures/assertions.js';
import { blueprint, hook, role } from './fixtures/blueprints.js';
import { renderExample } from './fixtures/examples.js';
import { commandNodes, commands, idsOf, shape } from './fixtures/plans.js';
import { deployed } from './fixtures/states.js';

function plan(operation: Operation, bp: Blueprint): Plan {
  return planJob({ jobId: 'job-4', operation, blueprint: bp, state: deployed(bp) });
}

const ACTIONS = blueprint(
  role('db', {
    count: 2,
    services: {
      start: hook('db-start'),
      backup: hook('db-backup', { serviceParams: { target: 'all' } }),
      restore: hook('db-restore', { order: 2 }),
      flush: hook('db-flush', { type: 'custom', order: 1, preCheck: 'may-flush', serviceParams: { target: 'all', async: true } }),
    },
  }),
  role('web', { services: { start: hook('web-start', { order: 5 }), flush: hook('web-flush', { type: 'custom', order: 0 }), purge: hook('purge', { type: 'custom' }) } }),
);

describe('updateEnv', () => {
  it('is one writeMetadata: config templates reload on the nodes', () => {
    expect(shape(plan({ action: 'updateEnv' }, ACTIONS))).toEqual([['writeMetadata']]);
  });
});

describe('runAction', () => {
  const p = plan({ action: 'runAction', name: 'flush', params: { target: 'one' } }, ACTIONS);

  it('runs the pre-check, then the hook of every role that declares it in order groups', () => {
    expect(shape(p)).toEqual([['cmd:flush:preCheck'], ['cmd:flush'], ['cmd:flush']]);
    expect(commands(p, 'flush').map((command) => [command.cmd, command.layer])).toEqual([['web-flush', 1], ['db-flush', 2], ['db-flush', 2]]);
  });

  it('gives the operation parameters over the hook own', () => {
    expect(commands(p, 'flush').map((command) => command.params)).toEqual([
      { target: 'one' },
      { target: 'one', async: true },
      { target: 'one', async: true },
    ]);
  });

  it.each<[string, string]>([
    ['an action no role declares', 'compact'],
    ['a built-in hook', 'start'],
  ])('refuses %s with CLUSTER.ACTION_NOT_FOUND listing the actions', (_name, name) => {
    const error = thrownBy(() => plan({ action: 'runAction', name, params: {} }, ACTIONS));
    expect(isPitrixError(error) && error.code).toBe('CLUSTER.ACTION_NOT_FOUND');
    expect(isPitrixError(error) && error.problems[0]?.expected).toBe('flush, purge');
  });

  it('the Redis Cluster example rebalances from one master', () => {
    const bp = renderExample('redis-cluster');
    const q = plan({ action: 'runAction', name: 'rebalance', params: {} }, bp);
    expect(commands(q, 'rebalance').map((command) => [command.timeoutSeconds, command.params])).toEqual([[3600, undefined]]);
  });
});

describe('backup and restore', () => {
  it('backup runs the backup hook with the snapshot id over the hook parameters', () => {
    const p = plan({ action: 'backup', snapshotId: 'snap-1' }, ACTIONS);
    expect(shape(p)).toEqual([['cmd:backup']]);
    expect(commands(p, 'backup').map((command) => command.params)).toEqual([
      { target: 'all', snapshotId: 'snap-1' },
      { target: 'all', snapshotId: 'snap-1' },
    ]);
  });

  it('restore runs the restore hook, or the start hook on roles without one, in order groups', () => {
    const p = plan({ action: 'restore', snapshotId: 'snap-1' }, ACTIONS);
    expect(commands(p).map((command) => [command.service, command.cmd, command.layer, command.params])).toEqual([
      ['restore', 'db-restore', 0, { snapshotId: 'snap-1' }],
      ['restore', 'db-restore', 0, { snapshotId: 'snap-1' }],
      ['start', 'web-start', 1, { snapshotId: 'snap-1' }],
    ]);
  });

  it('deleting a backup runs the delete_snapshot hook with the snapshot id, on the roles that have one', () => {
    const bp = blueprint(role('db', { count: 2, services: { start: hook('start'), delete_snapshot: hook('db-delete-snapshot') } }), role('web', { count: 1, services: { start: hook('web-start') } }));
    const p = plan({ action: 'deleteSnapshot', snapshotId: 'snap-1' }, bp);
    expect(shape(p)).toEqual([['cmd:delete_snapshot']]);
    expect(commands(p, 'delete_snapshot').map((command) => [command.cmd, command.params])).toEqual([
      ['db-delete-snapshot', { snapshotId: 'snap-1' }],
      ['db-delete-snapshot', { snapshotId: 'snap-1' }],
    ]);
  });

  it.each<[string, Operation]>([
    ['backup', { action: 'backup', snapshotId: 'snap-1' }],
    ['restore', { action: 'restore', snapshotId: 'snap-1' }],
    ['deleteSnapshot', { action: 'deleteSnapshot', snapshotId: 'snap-1' }],
  ])('%s of a cluster without its hook is CLUSTER.ACTION_NOT_FOUND', (_name, operation) => {
    const bp = blueprint(role('db', { services: { start: hook('start') } }));
    expect(codeOf(() => plan(operation, bp))).toBe('CLUSTER.ACTION_NOT_FOUND');
  });

  it('the Redis Cluster example backs up every shard', () => {
    const bp = renderExample('redis-cluster');
    const state = deployed(bp);
    const p = planJob({ jobId: 'job-4', operation: { action: 'backup', snapshotId: 'snap-9' }, blueprint: bp, state });
    expect(commandNodes(p, 'backup')).toEqual(idsOf(state.nodes));
  });
});
