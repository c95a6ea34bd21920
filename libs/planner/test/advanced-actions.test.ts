import type { ClusterState, Operation, Plan } from '@pitrix/cluster-model';
import { isPitrixError } from '@pitrix/errors';
import type { Blueprint } from '@pitrix/package';
import { describe, expect, it } from 'vitest';
import { planJob } from '../src/index.js';
import { codeOf, thrownBy } from './fixtures/assertions.js';
import { blueprint, blueprintWith, role } from './fixtures/blueprints.js';
import { registered } from './fixtures/plans.js';
import { deployed } from './fixtures/states.js';

function plan(operation: Operation, bp: Blueprint, state: ClusterState = deployed(bp)): Plan {
  return planJob({ jobId: 'job-2', operation, blueprint: bp, state });
}

const add = (name: string): Operation => ({ action: 'addNodes', role: name, count: 1 });

/** Plans deleting the last node of role `name` from the deployed blueprint. */
function planDeleteLast(bp: Blueprint, name: string): Plan {
  const state = deployed(bp);
  const last = state.nodes.filter((node) => node.baseRole === name).at(-1)?.nodeId as string;
  return plan({ action: 'deleteNodes', nodeIds: [last], force: false }, bp, state);
}

describe('horizontal scaling offered by advancedActions', () => {
  const OFFERED = blueprint(
    role('primary', { count: 2 }),
    role('replica', { count: 2, advancedActions: ['scale_horizontal'] }),
    role('cache', { count: 2, advancedActions: ['add_nodes', 'associate_eip'] }),
  );

  it('keeps every role scalable when the package declares no advancedActions', () => {
    const bp = blueprint(role('primary', { count: 2 }));
    expect(registered(plan(add('primary'), bp)).map((node) => node.role)).toEqual(['primary']);
    expect(registered(planDeleteLast(bp, 'primary'))).toEqual([]);
    expect(planDeleteLast(bp, 'primary').layers.flat()).toContain('removeNodes');
  });

  it('adds nodes to a role offering scale_horizontal or add_nodes', () => {
    expect(registered(plan(add('replica'), OFFERED)).map((node) => node.role)).toEqual(['replica']);
    expect(registered(plan(add('cache'), OFFERED)).map((node) => node.role)).toEqual(['cache']);
  });

  it('deletes nodes of a role offering scale_horizontal', () => {
    expect(planDeleteLast(OFFERED, 'replica').layers.flat()).toContain('removeNodes');
  });

  it.each<[string, () => Plan]>([
    ['adding to a role without advancedActions', () => plan(add('primary'), OFFERED)],
    ['deleting from a role without advancedActions', () => planDeleteLast(OFFERED, 'primary')],
    ['deleting from a role offering only add_nodes', () => planDeleteLast(OFFERED, 'cache')],
  ])('refuses %s', (_name, run) => {
    expect(codeOf(run)).toBe('CLUSTER.ACTION_NOT_OFFERED');
  });

  it('reads the cluster-level advancedActions for every role', () => {
    const bp = blueprintWith({ advancedActions: ['add_nodes'] }, role('primary', { count: 2 }), role('replica', { count: 1, advancedActions: ['scale_horizontal'] }));
    expect(registered(plan(add('primary'), bp)).map((node) => node.role)).toEqual(['primary']);
    expect(codeOf(() => planDeleteLast(bp, 'primary'))).toBe('CLUSTER.ACTION_NOT_OFFERED');
  });

  it('counts an empty advancedActions list as a declaration', () => {
    const bp = blueprintWith({ advancedActions: [] }, role('primary', { count: 2 }));
    expect(codeOf(() => plan(add('primary'), bp))).toBe('CLUSTER.ACTION_NOT_OFFERED');
  });

  it('names the role, what it lacks and what it offers', () => {
    const error = thrownBy(() => plan(add('primary'), OFFERED));
    expect(isPitrixError(error) && error.message).toBe(
      'role "primary" does not offer scale_horizontal or add_nodes (its advancedActions are: none); adding nodes to it is refused',
    );
    expect(isPitrixError(error) && error.problems).toEqual([expect.objectContaining({ path: 'role', found: 'primary', expected: 'scale_horizontal or add_nodes' })]);
  });

  it('names the nodes of each refused role when deleting', () => {
    const state = deployed(OFFERED);
    const nodeIds = ['primary', 'cache', 'replica'].map((name) => state.nodes.filter((node) => node.baseRole === name).at(-1)?.nodeId as string);
    const error = thrownBy(() => plan({ action: 'deleteNodes', nodeIds, force: false }, OFFERED, state));
    expect(isPitrixError(error) && error.message).toBe(
      'role "primary" does not offer scale_horizontal (its advancedActions are: none); deleting its nodes is refused; ' +
        'role "cache" does not offer scale_horizontal (its advancedActions are: add_nodes, associate_eip); deleting its nodes is refused',
    );
    expect(isPitrixError(error) && error.problems.map((problem) => [problem.path, problem.found])).toEqual([
      ['nodeIds', [nodeIds[0]]],
      ['nodeIds', [nodeIds[1]]],
    ]);
  });
});

