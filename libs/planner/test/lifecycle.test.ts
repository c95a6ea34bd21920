import type { ClusterState, Operation, Plan } from '@pitrix/cluster-model';
import type { Blueprint } from '@pitrix/package';
import { describe, expect, it } from 'vitest';
import { planJob } from '../src/index.js';
import { blueprint, hook, role } from './fixtures/blueprints.js';
import { renderExample } from './fixtures/examples.js';
import { commandLayers, commandNodes, commands, shape, tasksOfType } from './fixtures/plans.js';
import { cluster, deployed } from './fixtures/states.js';

function plan(operation: Operation, bp: Blueprint, state: ClusterState): Plan {
  return planJob({ jobId: 'job-1', operation, blueprint: bp, state });
}

const FULL = blueprint(
  role('db', {
    count: 2,
    volume: { size: 10 },
    services: { start: hook('start', { order: 1 }), stop: hook('stop', { order: 1 }), destroy: hook('destroy') },
  }),
  role('web', { services: { start: hook('web-start', { order: 2 }), stop: hook('web-stop', { order: 2 }) } }),
);

describe('lifecycle: layer sequences', () => {
  it.each<[string, Operation, ClusterState, string[][]]>([
    ['start', { action: 'start' }, deployed(FULL, 'stopped'), [['startInstance'], ['waitForDrones'], ['writeMetadata'], ['cmd:start'], ['cmd:start']]],
    ['recover', { action: 'recover' }, deployed(FULL, 'deleted'), [['startInstance'], ['waitForDrones'], ['writeMetadata'], ['cmd:start'], ['cmd:start']]],
    ['stop', { action: 'stop' }, deployed(FULL), [['cmd:stop'], ['cmd:stop'], ['stopInstance']]],
    ['restart without restart hooks', { action: 'restart' }, deployed(FULL), [['cmd:stop'], ['cmd:stop'], ['cmd:start'], ['cmd:start']]],
    ['soft delete', { action: 'delete', force: false }, deployed(FULL), [['cmd:destroy'], ['cmd:stop'], ['cmd:stop'], ['stopInstance']]],
    ['soft delete of a stopped cluster', { action: 'delete', force: false }, deployed(FULL, 'stopped'), []],
    ['cease', { action: 'cease' }, deployed(FULL, 'deleted'), [['terminateInstance'], ['deleteVolume'], ['deleteMetadata'], ['removeNodes']]],
    ['cease of a cluster without nodes', { action: 'cease' }, cluster('deleted'), [['deleteMetadata']]],
  ])('%s', (_name, operation, state, expected) => {
    expect(shape(plan(operation, FULL, state))).toEqual(expected);
  });

  it('stop hooks are allowed to fail, stopping instances is not', () => {
    const p = plan({ action: 'stop' }, FULL, deployed(FULL));
    expect(commands(p, 'stop').every((command) => command.failureAllowed)).toBe(true);
    expect(tasksOfType(p, 'stopInstance').map((task) => task.failureAllowed === true)).toEqual([false, false, false]);
  });

  it('start and cease touch every node; cease deletes only the volumes that exist', () => {
    const state = deployed(FULL, 'deleted');
    const ceased = plan({ action: 'cease' }, FULL, state);
    expect(tasksOfType(ceased, 'terminateInstance')).toHaveLength(3);
    expect(tasksOfType(ceased, 'deleteVolume')).toHaveLength(2);
    expect(tasksOfType(ceased, 'removeNodes').map((task) => task.spec)).toEqual([{ type: 'removeNodes', nodeIds: state.nodes.map((n) => n.nodeId) }]);
    expect(tasksOfType(plan({ action: 'start' }, FULL, deployed(FULL, 'stopped')), 'startInstance')).toHaveLength(3);
  });

  it('a failed cluster is deleted by running hooks only on the nodes that are up', () => {
    const state = deployed(FULL);
    const [up, ...rest] = state.nodes.filter((n) => n.baseRole === 'db');
    const failed = { ...state, status: 'failed' as const, nodes: state.nodes.map((n) => (n === up ? n : { ...n, status: 'stopped' as const })) };
    const p = plan({ action: 'delete', force: false }, FULL, failed);
    expect(commandNodes(p, 'destroy')).toEqual([up?.nodeId]);
    expect(tasksOfType(p, 'stopInstance').map((task) => (task.spec.type === 'stopInstance' ? task.spec.nodeId : ''))).toEqual([up?.nodeId]);
    expect(rest).toHaveLength(1);
  });
});

describe('restart', () => {
  it('a role with a restart hook restarts in place while the others stop before and start after', () => {
    const bp = blueprint(
      role('zk', { services: { restart: hook('zk-restart'), stop: hook('zk-stop'), start: hook('zk-start') } }),
      role('app', { services: { stop: hook('app-stop'), start: hook('app-start') } }),
    );
    const p = plan({ action: 'restart' }, bp, deployed(bp));
    expect(shape(p)).toEqual([['cmd:stop'], ['cmd:restart'], ['cmd:start']]);
    expect(commands(p).map((command) => command.cmd)).toEqual(['app-stop', 'zk-restart', 'app-start']);
  });

  it('the ZooKeeper example restarts every server with its restart hook only', () => {
    const bp = renderExample('zookeeper');
    const p = plan({ action: 'restart' }, bp, deployed(bp));
    expect(shape(p)).toEqual([['cmd:restart']]);
    expect(commands(p, 'restart')).toHaveLength(3);
  });
});

describe('delete: destroy veto, force and postStopService', () => {
  const vetoing = (destroy: Record<string, unknown>) => blueprint(role('db', { count: 2, services: { destroy: hook('destroy', destroy), stop: hook('stop') } }));

  it.each<[string, Record<string, unknown>, boolean, boolean]>([
    ['without force a failing destroy fails the job', {}, false, false],
    ['with force a failing destroy is tolerated', {}, true, true],
    ['with force but allowForce false the veto holds', { allowForce: false }, true, false],
    ['without force and allowForce true the veto holds', { allowForce: true }, false, false],
  ])('%s', (_name, destroy, force, allowed) => {
    const bp = vetoing(destroy);
    const p = plan({ action: 'delete', force }, bp, deployed(bp));
    const destroys = commands(p, 'destroy');
    expect(destroys).toHaveLength(2);
    expect(destroys.every((command) => command.failureAllowed === allowed)).toBe(true);
  });

  it.each<[string, boolean, string[][]]>([
    ['destroy runs before stop', false, [['cmd:destroy'], ['cmd:stop'], ['stopInstance']]],
    ['destroy with postStopService runs after stop, before the instance stops', true, [['cmd:stop'], ['cmd:destroy'], ['stopInstance']]],
  ])('%s', (_name, postStopService, expected) => {
    const bp = vetoing({ postStopService });
    expect(shape(plan({ action: 'delete', force: false }, bp, deployed(bp)))).toEqual(expected);
  });

  it('mixes pre- and post-stop destroy roles around the stop groups', () => {
    const bp = blueprint(
      role('a', { services: { destroy: hook('destroy-a'), stop: hook('stop-a') } }),
      role('b', { services: { destroy: hook('destroy-b', { postStopService: true }), stop: hook('stop-b') } }),
    );
    const p = plan({ action: 'delete', force: false }, bp, deployed(bp));
    const layer = (cmd: string) => commands(p).find((command) => command.cmd === cmd)?.layer as number;
    expect(layer('destroy-a')).toBeLessThan(layer('stop-a'));
    expect(layer('stop-b')).toBe(layer('stop-a'));
    expect(layer('destroy-b')).toBeGreaterThan(layer('stop-b'));
    expect(commandLayers(p, 'stop')).toHaveLength(1);
  });
});
