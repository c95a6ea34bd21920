import type { ClusterState, NodeState, Operation, Plan, Task } from '@pitrix/cluster-model';
import type { Blueprint } from '@pitrix/package';
import { describe, expect, it } from 'vitest';
import { planJob, type NodeSize } from '../src/index.js';
import { codeOf } from './fixtures/assertions.js';
import { blueprint, hook, role } from './fixtures/blueprints.js';
import { kindOf, registered, taskOf } from './fixtures/plans.js';
import { cluster, deployed } from './fixtures/states.js';

const BP = blueprint(
  role('db', { count: 2, volume: { size: 10 }, services: { start: hook('db-start'), stop: hook('db-stop', { timeout: 120 }) } }),
  role('web', { services: { start: hook('web-start') } }),
);

function planOf(operation: Operation, state: ClusterState, bp: Blueprint = BP): Plan {
  return planJob({ jobId: 'job-failed', operation, blueprint: bp, state });
}

/** The tasks of the first `layers` layers of a plan, in an order they could have completed in. */
function completedThrough(plan: Plan, layers: number): Task[] {
  return plan.layers.slice(0, layers).flatMap((ids) => ids.map((id) => taskOf(plan, id)));
}

function rollback(completedTasks: readonly Task[] | undefined, state: ClusterState, previousSizes?: Record<string, NodeSize>): Plan {
  return planJob({ jobId: 'job-undo', operation: { action: 'rollback', jobId: 'job-failed' }, blueprint: BP, state: { ...state, status: 'failed' }, completedTasks, previousSizes });
}

/** True when `from` waits for `to`, directly or through other tasks. */
function waitsFor(plan: Plan, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const dependency of taskOf(plan, id).dependsOn) {
      if (dependency === to) return true;
      if (seen.has(dependency)) continue;
      seen.add(dependency);
      stack.push(dependency);
    }
  }
  return false;
}

describe('rollback of a failed create', () => {
  const create = planOf({ action: 'create', atomic: false }, cluster('pending'));
  const nodes = registered(create);
  const failedState = cluster('failed', nodes);

  it.each<[string, Task[] | undefined]>([
    ['no completed task', []],
    ['no list at all', undefined],
  ])('with %s is an empty plan', (_name, completed) => {
    expect(rollback(completed, failedState)).toEqual({ tasks: [], layers: [] });
  });

  it('undoes provisioning: detach, terminate and delete volumes, remove the nodes, then delete the metadata', () => {
    const completed = completedThrough(create, 7);
    const p = rollback(completed, failedState);
    expect(p.tasks.map(kindOf).sort()).toEqual(['deleteMetadata', ...Array(2).fill('deleteVolume'), ...Array(2).fill('detachVolume'), 'removeNodes', ...Array(3).fill('terminateInstance')].sort());
    for (const node of nodes.filter((n) => n.role === 'db')) {
      expect(waitsFor(p, `undo/runInstance/${node.nodeId}`, `undo/attachVolume/${node.nodeId}`)).toBe(true);
      expect(waitsFor(p, `undo/createVolume/${node.nodeId}`, `undo/runInstance/${node.nodeId}`)).toBe(true);
    }
    expect(taskOf(p, 'undo/registerNodes').spec).toEqual({ type: 'removeNodes', nodeIds: nodes.map((n) => n.nodeId) });
    expect(p.layers.at(-2)).toEqual(['undo/registerNodes']);
    expect(p.layers.at(-1)).toEqual(['deleteMetadata']);
  });

  it('lists the inverses in reverse completion order and none of them may fail but hook commands', () => {
    const completed = completedThrough(create, create.layers.length);
    const p = rollback(completed, failedState);
    const order = completed.filter((task) => p.tasks.some((undo) => undo.id === `undo/${task.id}`)).map((task) => `undo/${task.id}`).reverse();
    expect(p.tasks.filter((task) => task.id.startsWith('undo/')).map((task) => task.id)).toEqual(order);
    for (const task of p.tasks) expect(task.failureAllowed === true).toBe(task.spec.type === 'runCommand');
  });

  it('stops what it started, with the role stop hook, before the instance goes', () => {
    const p = rollback(completedThrough(create, create.layers.length), failedState);
    const stops = p.tasks.filter((task) => task.spec.type === 'runCommand');
    const db = nodes.filter((n) => n.role === 'db');
    expect(stops.map((task) => (task.spec.type === 'runCommand' ? [task.spec.command.nodeId, task.spec.command.service, task.spec.command.cmd, task.spec.command.timeoutSeconds] : []))).toEqual(
      db.map((n) => [n.nodeId, 'stop', 'db-stop', 120]).reverse(),
    );
    for (const node of db) expect(waitsFor(p, `undo/runInstance/${node.nodeId}`, `undo/start/o0/${node.nodeId}`)).toBe(true);
  });

  it('every inverse waits for the inverses of what depended on its original', () => {
    for (let layers = 1; layers <= create.layers.length; layers++) {
      const completed = completedThrough(create, layers);
      const p = rollback(completed, failedState);
      const undone = new Set(p.tasks.map((task) => task.id));
      for (const task of completed) {
        for (const dependency of task.dependsOn) {
          if (undone.has(`undo/${task.id}`) && undone.has(`undo/${dependency}`)) expect(waitsFor(p, `undo/${dependency}`, `undo/${task.id}`)).toBe(true);
        }
      }
    }
  });
});

describe('rollback of other jobs', () => {
  const state = deployed(BP);
  const db = state.nodes.filter((n) => n.role === 'db');

  it('a failed addNodes clears /adding-hosts, removes the new nodes and rewrites the metadata of the rest', () => {
    const add = planOf({ action: 'addNodes', role: 'web', count: 1 }, state);
    const added = registered(add);
    const completed = add.tasks.filter((task) => task.spec.type !== 'runCommand' || task.spec.command.service !== 'scale_out').slice(0, 7);
    const p = rollback(completed, { ...state, nodes: [...state.nodes, ...added] });
    expect(p.tasks.map(kindOf).sort()).toEqual(['removeNodes', 'setScalingHosts', 'terminateInstance', 'writeMetadata']);
    expect(taskOf(p, 'undo/setScalingHosts/adding').spec).toEqual({ type: 'setScalingHosts', kind: 'adding', nodeIds: [] });
    expect(p.layers.at(-1)).toEqual(['writeMetadata/1']);
  });

  it('a failed resize gives the previous size back and restarts the instance', () => {
    const node = db[0] as NodeState;
    const resize = planOf({ action: 'resize', roles: [{ role: 'db', cpu: 4, volumeSizeGiB: 20 }] }, state);
    const chain = ['stop/o0', 'stopInstance', 'resizeInstance', 'resizeVolume', 'startInstance'].map((prefix) => taskOf(resize, `${prefix}/${node.nodeId}`));
    const p = rollback(chain, state, { [node.nodeId]: { cpu: 1, memoryMiB: 1024 } });
    expect(p.tasks.map((task) => task.id)).toEqual([`undo/startInstance/${node.nodeId}`, `undo/resizeInstance/${node.nodeId}`, `undo/stopInstance/${node.nodeId}`, 'writeMetadata/1']);
    expect(taskOf(p, `undo/resizeInstance/${node.nodeId}`).spec).toEqual({ type: 'resizeInstance', nodeId: node.nodeId, cpu: 1, memoryMiB: 1024 });
    expect(p.layers).toHaveLength(4);
  });

  it('undoing a resize without the previous sizes is CLUSTER.INVALID_ARGUMENT', () => {
    const resize = planOf({ action: 'resize', roles: [{ role: 'db', cpu: 4 }] }, state);
    expect(codeOf(() => rollback(resize.tasks.slice(0, 6), state))).toBe('CLUSTER.INVALID_ARGUMENT');
  });

  it('a failed upgrade switches back to the version the cluster had', () => {
    const up = planOf({ action: 'upgrade', targetVersionId: 'appv-2', canary: 1, maxInFlight: 5 }, state);
    const p = rollback(up.tasks, state);
    expect(taskOf(p, 'undo/setVersion').spec).toEqual({ type: 'setVersion', versionId: state.versionId });
    expect(p.layers[0]).toEqual(['undo/setVersion']);
  });

  it('a failed upgrade that only wrote the new metadata ends with a metadata write of the blueprint it is given', () => {
    const up = planOf({ action: 'upgrade', targetVersionId: 'appv-2', canary: 1, maxInFlight: 5 }, state);
    const p = rollback([taskOf(up, 'writeMetadata/1')], state);
    expect(p.tasks.map((task) => [task.id, kindOf(task)])).toEqual([['writeMetadata/1', 'writeMetadata']]);
  });

  it('a failed upgrade is undone with the hooks of the blueprint from before it, then its metadata', () => {
    const node = db[0] as NodeState;
    const renamedStop = blueprint(
      role('db', { count: 2, volume: { size: 10 }, services: { start: hook('db-start-v2'), stop: hook('db-stop-v2', { timeout: 30 }), upgrade: hook('db-upgrade-v2') } }),
      role('web', { services: { start: hook('web-start') } }),
    );
    const up = planOf({ action: 'upgrade', targetVersionId: 'appv-2', canary: 1, maxInFlight: 5 }, state, renamedStop);
    // The canary node went through, the next batch failed.
    const completed = up.tasks.filter((task) => task.id === 'writeMetadata/1' || task.id.endsWith(node.nodeId));
    const p = rollback(completed, state);
    const stop = p.tasks.find((task) => task.spec.type === 'runCommand');
    expect(stop?.spec).toEqual({ type: 'runCommand', command: { nodeId: node.nodeId, service: 'stop', cmd: 'db-stop', timeoutSeconds: 120 } });
    expect(p.tasks.at(-1)?.spec).toEqual({ type: 'writeMetadata' });
    expect(p.layers.at(-1)).toEqual([p.tasks.at(-1)?.id]);
  });

  it('instances that a failed deleteNodes terminated are run again', () => {
    const web = state.nodes.find((n) => n.role === 'web') as NodeState;
    const del = planOf({ action: 'deleteNodes', nodeIds: [web.nodeId], force: false }, state);
    const p = rollback(del.tasks.filter((task) => ['setScalingHosts', 'stopInstance', 'terminateInstance'].includes(task.spec.type)), state);
    expect(p.tasks.map((task) => [task.id, kindOf(task)])).toEqual([
      [`undo/terminateInstance/${web.nodeId}`, 'runInstance'],
      [`undo/stopInstance/${web.nodeId}`, 'startInstance'],
      ['undo/setScalingHosts/deleting', 'setScalingHosts'],
      ['writeMetadata/1', 'writeMetadata'],
    ]);
  });
});
