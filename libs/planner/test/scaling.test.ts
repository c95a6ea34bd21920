import type { ClusterState, Operation, Plan } from '@pitrix/cluster-model';
import { isPitrixError } from '@pitrix/errors';
import type { Blueprint } from '@pitrix/package';
import { describe, expect, it } from 'vitest';
import { planJob } from '../src/index.js';
import { codeOf, thrownBy } from './fixtures/assertions.js';
import { blueprint, hook, role } from './fixtures/blueprints.js';
import { renderExample } from './fixtures/examples.js';
import { commandLayers, commandNodes, commands, idsOf, layerOf, registered, shape, taskOf, tasksOfType } from './fixtures/plans.js';
import { deployed } from './fixtures/states.js';

function plan(operation: Operation, bp: Blueprint, state: ClusterState = deployed(bp)): Plan {
  return planJob({ jobId: 'job-2', operation, blueprint: bp, state });
}

const SCALING = blueprint(
  role('db', {
    count: 2,
    replica: 1,
    volume: { size: 10 },
    services: {
      init: hook('init'),
      start: hook('start'),
      stop: hook('stop'),
      destroy: hook('destroy'),
      scale_out: hook('scale-out', { preCheck: 'may-scale-out' }),
      scale_in: hook('scale-in', { preCheck: 'may-scale-in' }),
    },
  }),
  role('web', { count: 2, services: { start: hook('web-start'), scale_out: hook('web-scale-out'), scale_in: hook('web-scale-in') } }),
);
const STATE = deployed(SCALING);
const byRole = (deployedRole: string) => STATE.nodes.filter((node) => node.role === deployedRole);

describe('addNodes', () => {
  const p = plan({ action: 'addNodes', role: 'db', count: 1 }, SCALING);
  const added = registered(p);
  const existing = idsOf(STATE.nodes);

  it('runs the layer sequence', () => {
    expect(shape(p)).toEqual([
      ['cmd:scale_out:preCheck'], ['checkResources'], ['registerNodes'], ['createVolume'], ['runInstance'], ['attachVolume', 'waitForDrones'],
      ['setScalingHosts'], ['writeMetadata'], ['cmd:init'], ['cmd:start'], ['cmd:scale_out'], ['setScalingHosts'], ['writeMetadata'],
    ]);
  });

  it('adds count masters, each with its replicas', () => {
    expect(added.map((node) => node.role)).toEqual(['db', 'db-replica']);
    expect(new Set(added.map((node) => node.groupId))).toEqual(new Set([3]));
  });

  it('initialises and starts only the new nodes', () => {
    expect(commandNodes(p, 'init')).toEqual(idsOf(added));
    expect(commandNodes(p, 'start')).toEqual(idsOf(added));
  });

  it('runs scale_out on the existing nodes only, after the new ones started', () => {
    expect(commandNodes(p, 'scale_out')).toEqual(existing);
    expect(commandNodes(p, 'scale_out:preCheck')).toEqual(idsOf([...byRole('db'), ...byRole('db-replica')]));
    expect(Math.min(...commandLayers(p, 'scale_out'))).toBeGreaterThan(Math.max(...commandLayers(p, 'start')));
  });

  it('publishes /adding-hosts with the new nodes before metadata, and clears it at the end (failures allowed)', () => {
    expect(taskOf(p, 'setScalingHosts/adding')).toMatchObject({ spec: { kind: 'adding', nodeIds: added.map((node) => node.nodeId) } });
    expect(taskOf(p, 'setScalingHosts/adding/clear')).toMatchObject({ spec: { kind: 'adding', nodeIds: [] }, failureAllowed: true });
    expect(layerOf(p, 'setScalingHosts/adding')).toBeLessThan(layerOf(p, 'writeMetadata/1'));
    expect(layerOf(p, 'setScalingHosts/adding/clear')).toBeGreaterThan(Math.max(...commandLayers(p, 'scale_out')));
  });

  it('does not ensure the frontgate again', () => {
    expect(tasksOfType(p, 'ensureFrontgate')).toEqual([]);
  });

  it.each<[string, Operation, string]>([
    ['an unknown role', { action: 'addNodes', role: 'cache', count: 1 }, 'CLUSTER.ROLE_NOT_FOUND'],
    ['a replica role name', { action: 'addNodes', role: 'db-replica', count: 1 }, 'CLUSTER.ROLE_NOT_FOUND'],
    ['no node', { action: 'addNodes', role: 'db', count: 0 }, 'CLUSTER.INVALID_ARGUMENT'],
    ['a negative count', { action: 'addNodes', role: 'db', count: -2 }, 'CLUSTER.INVALID_ARGUMENT'],
    ['a fractional count', { action: 'addNodes', role: 'db', count: 1.5 }, 'CLUSTER.INVALID_ARGUMENT'],
  ])('refuses %s', (_name, operation, code) => {
    expect(codeOf(() => plan(operation, SCALING))).toBe(code);
  });

  it('the Redis Cluster example moves slots from one existing master once the new shard is up', () => {
    const bp = renderExample('redis-cluster');
    const state = deployed(bp);
    const q = plan({ action: 'addNodes', role: 'master', count: 1 }, bp, state);
    const first = state.nodes.find((node) => node.role === 'master' && node.serverId === 1);
    expect(registered(q).map((node) => [node.role, node.serverId, node.groupId])).toEqual([['master', 7, 4], ['master-replica', 8, 4]]);
    expect(commands(q, 'scale_out').map((command) => [command.nodeId, command.timeoutSeconds])).toEqual([[first?.nodeId, 3600]]);
    expect(commandNodes(q, 'scale_out:preCheck')).toEqual([first?.nodeId]);
  });
});

describe('deleteNodes', () => {
  const [master, replica] = [byRole('db')[1], byRole('db-replica')[1]];
  const gone = [master?.nodeId as string, replica?.nodeId as string];
  const p = plan({ action: 'deleteNodes', nodeIds: gone, force: false }, SCALING);
  const remaining = STATE.nodes.filter((node) => !gone.includes(node.nodeId));

  it('runs the layer sequence', () => {
    expect(shape(p)).toEqual([
      ['setScalingHosts'], ['cmd:scale_in:preCheck'], ['cmd:destroy'], ['cmd:scale_in'], ['cmd:stop'],
      ['stopInstance'], ['terminateInstance'], ['deleteVolume'], ['removeNodes'], ['setScalingHosts'], ['writeMetadata'],
    ]);
  });

  it('destroys and stops the deleted nodes, and runs scale_in on the remaining ones', () => {
    expect(commandNodes(p, 'destroy')).toEqual([...gone].sort());
    expect(commandNodes(p, 'stop')).toEqual([...gone].sort());
    expect(commandNodes(p, 'scale_in')).toEqual(idsOf(remaining));
    expect(commandNodes(p, 'scale_in:preCheck')).toEqual(idsOf(remaining.filter((node) => node.baseRole === 'db')));
    expect(Math.min(...commandLayers(p, 'scale_in'))).toBeGreaterThan(Math.max(...commandLayers(p, 'destroy')));
    expect(Math.max(...commandLayers(p, 'scale_in'))).toBeLessThan(Math.min(...commandLayers(p, 'stop')));
  });

  it('publishes /deleting-hosts first and clears it at the end', () => {
    expect(p.layers[0]).toEqual(['setScalingHosts/deleting']);
    expect(taskOf(p, 'setScalingHosts/deleting').spec).toEqual({ type: 'setScalingHosts', kind: 'deleting', nodeIds: gone });
    expect(layerOf(p, 'setScalingHosts/deleting/clear')).toBe(p.layers.length - 2);
    expect(taskOf(p, 'removeNodes').spec).toEqual({ type: 'removeNodes', nodeIds: gone });
  });

  it.each<[string, boolean, Record<string, unknown>, boolean]>([
    ['a veto fails the job', false, {}, false],
    ['force overrides the veto', true, {}, true],
    ['force cannot override allowForce false', true, { allowForce: false }, false],
  ])('%s', (_name, force, destroy, allowed) => {
    const bp = blueprint(role('db', { count: 3, services: { destroy: hook('destroy', destroy) } }));
    const state = deployed(bp);
    const q = plan({ action: 'deleteNodes', nodeIds: [state.nodes[2]?.nodeId as string], force }, bp, state);
    expect(commands(q, 'destroy').map((command) => command.failureAllowed)).toEqual([allowed]);
    expect(commands(q, 'stop')).toEqual([]);
  });

  const web = byRole('web').map((node) => node.nodeId);
  it.each<[string, readonly string[], string]>([
    ['an unknown node', ['cln-nobody'], 'CLUSTER.NODE_NOT_FOUND'],
    ['a master without its replica', [master?.nodeId as string], 'CLUSTER.PARTIAL_GROUP'],
    ['a replica without its master', [replica?.nodeId as string], 'CLUSTER.PARTIAL_GROUP'],
    ['every node of the cluster', STATE.nodes.map((node) => node.nodeId), 'CLUSTER.INVALID_OPERATION'],
    ['no node', [], 'CLUSTER.INVALID_ARGUMENT'],
  ])('refuses %s', (_name, nodeIds, code) => {
    expect(codeOf(() => plan({ action: 'deleteNodes', nodeIds, force: false }, SCALING))).toBe(code);
  });

  it('refuses a node that is not active', () => {
    const state = { ...STATE, nodes: STATE.nodes.map((node) => (node.nodeId === web[0] ? { ...node, status: 'stopped' as const } : node)) };
    expect(codeOf(() => plan({ action: 'deleteNodes', nodeIds: [web[0] as string], force: false }, SCALING, state))).toBe('CLUSTER.INVALID_STATE');
  });

  it('names the rest of a partial group', () => {
    const error = thrownBy(() => plan({ action: 'deleteNodes', nodeIds: [master?.nodeId as string], force: false }, SCALING));
    expect(isPitrixError(error) && error.problems.map((problem) => problem.found)).toEqual([[replica?.nodeId]]);
  });

  it('the ZooKeeper example reconfigures the remaining servers once their quorum check passed', () => {
    const bp = renderExample('zookeeper');
    const state = deployed(bp);
    const last = state.nodes[2]?.nodeId as string;
    const q = plan({ action: 'deleteNodes', nodeIds: [last], force: false }, bp, state);
    const rest = idsOf(state.nodes.slice(0, 2));
    expect(commandNodes(q, 'scale_in:preCheck')).toEqual(rest);
    expect(commandNodes(q, 'scale_in')).toEqual(rest);
    expect(commandNodes(q, 'stop')).toEqual([last]);
  });
});
