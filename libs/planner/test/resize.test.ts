import type { ClusterState, Operation, Plan, RoleSize } from '@pitrix/cluster-model';
import type { Blueprint } from '@pitrix/package';
import { describe, expect, it } from 'vitest';
import { planJob } from '../src/index.js';
import { codeOf } from './fixtures/assertions.js';
import { blueprint, hook, role } from './fixtures/blueprints.js';
import { renderExample } from './fixtures/examples.js';
import { commandNodes, layerOf, shape, taskOf, tasksOfType } from './fixtures/plans.js';
import { deployed } from './fixtures/states.js';

function resize(bp: Blueprint, roles: RoleSize[], state: ClusterState = deployed(bp)): Plan {
  const operation: Operation = { action: 'resize', roles };
  return planJob({ jobId: 'job-3', operation, blueprint: bp, state });
}

const withPolicy = (verticalScalingPolicy: 'parallel' | 'sequential') =>
  blueprint(role('db', { count: 3, volume: { size: 10 }, verticalScalingPolicy, services: { stop: hook('stop'), start: hook('start') } }), role('web'));

const NODE_CHAIN = ['cmd:stop', 'stopInstance', 'resizeInstance', 'resizeVolume', 'startInstance', 'waitForDrones', 'cmd:start'];

describe('resize: vertical scaling policy', () => {
  it('parallel resizes every node of the role at once', () => {
    const p = resize(withPolicy('parallel'), [{ role: 'db', cpu: 2, memoryMiB: 2048, volumeSizeGiB: 20 }]);
    expect(shape(p)).toEqual([...NODE_CHAIN.map((kind) => [kind]), ['writeMetadata']]);
    expect(p.layers.slice(0, -1).every((layer) => layer.length === 3)).toBe(true);
  });

  it('sequential resizes one node after another, each chain after the previous one', () => {
    const bp = withPolicy('sequential');
    const state = deployed(bp);
    const p = resize(bp, [{ role: 'db', cpu: 2, memoryMiB: 2048, volumeSizeGiB: 20 }], state);
    expect(shape(p)).toEqual([...NODE_CHAIN, ...NODE_CHAIN, ...NODE_CHAIN, 'writeMetadata'].map((kind) => [kind]));
    const [first, second] = state.nodes.filter((node) => node.role === 'db');
    expect(taskOf(p, `stop/o0/${second?.nodeId}`).dependsOn).toEqual([`start/o0/${first?.nodeId}`]);
  });

  it('the resize tasks carry the new size, and the stop hooks may fail', () => {
    const bp = withPolicy('parallel');
    const state = deployed(bp);
    const p = resize(bp, [{ role: 'db', memoryMiB: 4096 }], state);
    const db = state.nodes.filter((node) => node.role === 'db').map((node) => node.nodeId).sort();
    const specs = tasksOfType(p, 'resizeInstance').map((task) => task.spec);
    expect([...specs].sort((a, b) => ('nodeId' in a && 'nodeId' in b && a.nodeId < b.nodeId ? -1 : 1))).toEqual(db.map((nodeId) => ({ type: 'resizeInstance', nodeId, cpu: 1, memoryMiB: 4096 })));
    expect(tasksOfType(p, 'resizeVolume')).toEqual([]);
    expect(commandNodes(p, 'stop')).toEqual(db);
    expect(tasksOfType(p, 'runCommand').filter((task) => task.id.startsWith('stop/')).every((task) => task.failureAllowed)).toBe(true);
  });

  it('roles are resized one after the other, in blueprint order', () => {
    const bp = blueprint(role('a', { count: 2 }), role('b', { count: 2 }));
    const state = deployed(bp);
    const p = resize(bp, [{ role: 'b', cpu: 2 }, { role: 'a', cpu: 4 }], state);
    const layerOfRole = (name: string) => state.nodes.filter((node) => node.role === name).map((node) => layerOf(p, `resizeInstance/${node.nodeId}`));
    expect(Math.max(...layerOfRole('a'))).toBeLessThan(Math.min(...layerOfRole('b')));
  });

  it('leaves nodes alone whose size does not change', () => {
    const bp = withPolicy('parallel');
    expect(shape(resize(bp, [{ role: 'db', cpu: 1, memoryMiB: 1024, volumeSizeGiB: 10 }]))).toEqual([['writeMetadata']]);
  });

  it('a stopped cluster is only resized: no hook, no start', () => {
    const bp = withPolicy('sequential');
    expect(shape(resize(bp, [{ role: 'db', cpu: 2 }], deployed(bp, 'stopped')))).toEqual([['resizeInstance'], ['resizeInstance'], ['resizeInstance'], ['writeMetadata']]);
  });

  it('the ZooKeeper example keeps its quorum: one server at a time', () => {
    const bp = renderExample('zookeeper');
    const p = resize(bp, [{ role: 'zk', cpu: 2 }]);
    expect(shape(p)).toEqual([...[1, 2, 3].flatMap(() => ['cmd:stop', 'stopInstance', 'resizeInstance', 'startInstance', 'waitForDrones', 'cmd:start']), 'writeMetadata'].map((kind) => [kind]));
  });
});

describe('resize: refusals', () => {
  const bp = withPolicy('parallel');
  it.each<[string, RoleSize[], string]>([
    ['a shrinking volume', [{ role: 'db', volumeSizeGiB: 5 }], 'CLUSTER.INVALID_SIZE'],
    ['a volume on a role without one', [{ role: 'web', volumeSizeGiB: 5 }], 'CLUSTER.INVALID_SIZE'],
    ['no CPU', [{ role: 'db', cpu: 0 }], 'CLUSTER.INVALID_SIZE'],
    ['a fractional memory size', [{ role: 'db', memoryMiB: 1.5 }], 'CLUSTER.INVALID_SIZE'],
    ['an unknown role', [{ role: 'cache', cpu: 2 }], 'CLUSTER.ROLE_NOT_FOUND'],
    ['a role named twice', [{ role: 'db', cpu: 2 }, { role: 'db', cpu: 4 }], 'CLUSTER.INVALID_ARGUMENT'],
    ['no role', [], 'CLUSTER.INVALID_ARGUMENT'],
  ])('refuses %s', (_name, roles, code) => {
    expect(codeOf(() => resize(bp, roles))).toBe(code);
  });
});
