import { nodeIdFromSeed, type NodeState } from '@pitrix/cluster-model';
import { describe, expect, it } from 'vitest';
import { planJob } from '../src/index.js';
import { codeOf } from './fixtures/assertions.js';
import { blueprint, role } from './fixtures/blueprints.js';
import { registered } from './fixtures/plans.js';
import { cluster, node } from './fixtures/states.js';

type Identity = Pick<NodeState, 'role' | 'serverId' | 'groupId'>;

const identity = (nodes: readonly NodeState[]): Identity[] => nodes.map(({ role: deployed, serverId, groupId }) => ({ role: deployed, serverId, groupId }));

describe('allocation on create', () => {
  it('replicas share their master group id; server ids are unique per base role', () => {
    const bp = blueprint(role('db', { count: 2, replica: 2 }), role('web', { count: 2 }));
    const nodes = registered(planJob({ jobId: 'job-1', operation: { action: 'create', atomic: false }, blueprint: bp, state: cluster('pending') }));
    expect(identity(nodes)).toEqual([
      { role: 'db', serverId: 1, groupId: 1 },
      { role: 'db-replica', serverId: 2, groupId: 1 },
      { role: 'db-replica', serverId: 3, groupId: 1 },
      { role: 'db', serverId: 4, groupId: 2 },
      { role: 'db-replica', serverId: 5, groupId: 2 },
      { role: 'db-replica', serverId: 6, groupId: 2 },
      { role: 'web', serverId: 1, groupId: 1 },
      { role: 'web', serverId: 2, groupId: 2 },
    ]);
    expect(nodes.every((created) => created.baseRole === created.role.replace(/-replica$/, ''))).toBe(true);
  });

  it('node ids come from the job id, the deployed role and an index per role', () => {
    const bp = blueprint(role('db', { count: 2, replica: 1 }));
    const nodes = registered(planJob({ jobId: 'job-7', operation: { action: 'create', atomic: false }, blueprint: bp, state: cluster('pending') }));
    expect(nodes.map((created) => created.nodeId)).toEqual(['job-7/db/1', 'job-7/db-replica/1', 'job-7/db/2', 'job-7/db-replica/2'].map(nodeIdFromSeed));
  });

  it('new nodes are pending, sized by their role, without instance, volume or facts', () => {
    const bp = blueprint(role('db', { cpu: 4, memory: 8192, gpu: 1, volume: { size: 50 } }));
    const [created] = registered(planJob({ jobId: 'job-1', operation: { action: 'create', atomic: false }, blueprint: bp, state: cluster('pending') }));
    expect(created).toMatchObject({ status: 'pending', cpu: 4, memoryMiB: 8192, gpu: 1, volumeSizeGiB: 50, instanceId: null, volumeId: null, privateIp: null, token: null, pubKey: null });
  });
});

describe('allocation on addNodes: the lowest free ids are reused', () => {
  const existing = (ids: readonly (readonly [number, number])[]) => ids.map(([serverId, groupId], index) => node({ nodeId: `cln-existing${index}`, role: 'zk', serverId, groupId }));

  it.each<[string, number | undefined, readonly (readonly [number, number])[], number, [number, number][]]>([
    ['freed server and group ids first', undefined, [[1, 1], [3, 3], [4, 4]], 2, [[2, 2], [5, 5]]],
    ['up to the bound exactly', 5, [[1, 1], [3, 3], [4, 4]], 2, [[2, 2], [5, 5]]],
    ['from 1 in an empty role', 3, [], 3, [[1, 1], [2, 2], [3, 3]]],
  ])('%s', (_name, serverIdUpperBound, taken, count, expected) => {
    const bp = blueprint(role('zk', { count: 0, ...(serverIdUpperBound ? { serverIdUpperBound } : {}) }), role('web'));
    const state = cluster('active', [...existing(taken), node({ nodeId: 'cln-web', role: 'web', serverId: 1 })]);
    const nodes = registered(planJob({ jobId: 'job-1', operation: { action: 'addNodes', role: 'zk', count }, blueprint: bp, state }));
    expect(nodes.map((added) => [added.serverId, added.groupId])).toEqual(expected);
  });

  it('a new group takes the lowest free group id, its replicas the next free server ids', () => {
    const bp = blueprint(role('db', { count: 0, replica: 1 }), role('web'));
    const state = cluster('active', [
      node({ nodeId: 'cln-m1', role: 'db', serverId: 1, groupId: 1 }),
      node({ nodeId: 'cln-r1', role: 'db-replica', serverId: 2, groupId: 1 }),
      node({ nodeId: 'cln-m3', role: 'db', serverId: 5, groupId: 3 }),
      node({ nodeId: 'cln-r3', role: 'db-replica', serverId: 6, groupId: 3 }),
    ]);
    const nodes = registered(planJob({ jobId: 'job-1', operation: { action: 'addNodes', role: 'db', count: 2 }, blueprint: bp, state }));
    expect(identity(nodes)).toEqual([
      { role: 'db', serverId: 3, groupId: 2 },
      { role: 'db-replica', serverId: 4, groupId: 2 },
      { role: 'db', serverId: 7, groupId: 4 },
      { role: 'db-replica', serverId: 8, groupId: 4 },
    ]);
  });

  it.each<[string, number, number, number, number]>([
    ['one more than the bound allows', 3, 2, 2, 0],
    ['a full role', 2, 2, 1, 0],
    ['replicas counted against the bound', 4, 0, 3, 1],
  ])('%s is CLUSTER.SERVER_IDS_EXHAUSTED', (_name, serverIdUpperBound, taken, count, replica) => {
    const bp = blueprint(role('zk', { count: 0, replica, serverIdUpperBound }), role('web'));
    const state = cluster('active', [...existing(Array.from({ length: taken }, (_, i) => [i + 1, i + 1] as const)), node({ nodeId: 'cln-web', role: 'web', serverId: 1 })]);
    expect(codeOf(() => planJob({ jobId: 'job-1', operation: { action: 'addNodes', role: 'zk', count }, blueprint: bp, state }))).toBe('CLUSTER.SERVER_IDS_EXHAUSTED');
  });
});
