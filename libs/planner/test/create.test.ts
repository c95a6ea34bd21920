import type { Plan } from '@pitrix/cluster-model';
import type { Blueprint } from '@pitrix/package';
import { describe, expect, it } from 'vitest';
import { planJob } from '../src/index.js';
import { blueprint, hook, role } from './fixtures/blueprints.js';
import { renderExample } from './fixtures/examples.js';
import { commandLayers, commandNodes, commands, layerOf, registered, shape, taskOf, tasksOfType } from './fixtures/plans.js';
import { cluster } from './fixtures/states.js';

function create(bp: Blueprint, jobId = 'job-1'): Plan {
  return planJob({ jobId, operation: { action: 'create', atomic: false }, blueprint: bp, state: cluster('pending') });
}

describe('create: layer sequence', () => {
  it.each<[string, Blueprint, string[][]]>([
    [
      'a role with a volume, key pairs, a token and every bring-up hook',
      blueprint(role('db', { count: 2, volume: { size: 10 }, passphraseless: 'ssh-rsa', customMetadata: { cmd: 'token' }, services: { init: hook('init'), start: hook('start') } })),
      [
        ['checkResources'], ['registerNodes'], ['ensureFrontgate'], ['createVolume'], ['runInstance'], ['attachVolume', 'waitForDrones'], ['cmd:keyPair'],
        ['writeMetadata'], ['cmd:init'], ['cmd:customMetadata'], ['writeMetadata'], ['cmd:start'],
      ],
    ],
    [
      'a role without volume or hooks',
      blueprint(role('web', { count: 3 })),
      [['checkResources'], ['registerNodes'], ['ensureFrontgate'], ['runInstance'], ['waitForDrones'], ['writeMetadata']],
    ],
    [
      'plain VMs without an agent: nothing to wait for',
      blueprint(role('vm', { count: 2, agentInstalled: false })),
      [['checkResources'], ['registerNodes'], ['ensureFrontgate'], ['runInstance'], ['writeMetadata']],
    ],
    [
      'an init after start',
      blueprint(role('db', { services: { init: hook('init', { postStartService: true }), start: hook('start') } })),
      [['checkResources'], ['registerNodes'], ['ensureFrontgate'], ['runInstance'], ['waitForDrones'], ['writeMetadata'], ['cmd:start'], ['cmd:init']],
    ],
  ])('%s', (_name, bp, expected) => {
    expect(shape(create(bp))).toEqual(expected);
  });

  it('an instance waits for the frontgate and its own volume; an attachment for both; the drones for every instance', () => {
    const p = create(blueprint(role('db', { count: 2, volume: { size: 10, mountPoint: ['/data', '/logs'] } }), role('web')));
    for (const created of registered(p)) {
      const run = taskOf(p, `runInstance/${created.nodeId}`);
      if (created.role === 'db') {
        expect([...run.dependsOn].sort()).toEqual(['ensureFrontgate', `createVolume/${created.nodeId}`].sort());
        expect(taskOf(p, `attachVolume/${created.nodeId}`)).toMatchObject({ spec: { mountPoint: '/data' }, dependsOn: [`createVolume/${created.nodeId}`, `runInstance/${created.nodeId}`] });
      } else {
        expect(run.dependsOn).toEqual(['ensureFrontgate']);
      }
    }
    expect([...taskOf(p, 'waitForDrones').dependsOn].sort()).toEqual(tasksOfType(p, 'runInstance').map((task) => task.id).sort());
  });

  it('checkResources adds up what the new nodes need', () => {
    const p = create(blueprint(role('db', { count: 2, replica: 1, cpu: 2, memory: 2048, volume: { size: 20 } }), role('web', { count: 1, cpu: 1, memory: 512 })));
    expect(taskOf(p, 'checkResources').spec).toEqual({ type: 'checkResources', instances: 5, cpu: 9, memoryMiB: 8704, volumes: 4, volumeGiB: 80 });
  });

  it('titles name the role and server id', () => {
    const p = create(blueprint(role('master', { services: { init: hook('init', { order: 10 }) } })));
    const [created] = registered(p);
    expect(taskOf(p, `runInstance/${created?.nodeId}`).title).toBe('Run instance for master #1');
    expect(taskOf(p, `init/o10/${created?.nodeId}`).title).toBe('init (order 10) on master #1');
  });
});

describe('create: the Redis Cluster example', () => {
  const bp = renderExample('redis-cluster');
  const p = create(bp);
  const nodes = registered(p);

  it('deploys 3 masters, each with a replica sharing its group id', () => {
    const groups = new Map<number, string[]>();
    for (const created of nodes) groups.set(created.groupId, [...(groups.get(created.groupId) ?? []), created.role]);
    expect([...groups.entries()]).toEqual([
      [1, ['master', 'master-replica']],
      [2, ['master', 'master-replica']],
      [3, ['master', 'master-replica']],
    ]);
    expect(nodes.map((created) => created.serverId)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('creates the cluster once, from the first master, after every server started', () => {
    const first = nodes.find((created) => created.role === 'master' && created.serverId === 1);
    expect(commandNodes(p, 'init')).toEqual([first?.nodeId]);
    expect(commandNodes(p, 'start')).toEqual(nodes.map((created) => created.nodeId).sort());
    expect(commandLayers(p, 'init')).toEqual([Math.max(...commandLayers(p, 'start')) + 1]);
    expect(layerOf(p, `init/o0/${first?.nodeId}`)).toBe(p.layers.length - 1);
  });

  it('provisions volumes, then instances, then attachments, then metadata', () => {
    const first = (type: string) => Math.min(...p.tasks.filter((task) => task.spec.type === type).map((task) => layerOf(p, task.id)));
    expect(first('ensureFrontgate')).toBeLessThan(first('createVolume'));
    expect(first('createVolume')).toBeLessThan(first('runInstance'));
    expect(first('runInstance')).toBeLessThan(first('attachVolume'));
    expect(first('attachVolume')).toBeLessThan(first('writeMetadata'));
    expect(first('writeMetadata')).toBeLessThan(Math.min(...commandLayers(p, 'start')));
  });
});

describe('create: the ZooKeeper example', () => {
  it('numbers the ensemble from 1 (myid) and inits every server before starting it', () => {
    const p = create(renderExample('zookeeper', { cluster: { zk: { count: 5 } } }));
    expect(registered(p).map((created) => created.serverId)).toEqual([1, 2, 3, 4, 5]);
    expect(commands(p, 'init')).toHaveLength(5);
    expect(Math.max(...commandLayers(p, 'init'))).toBeLessThan(Math.min(...commandLayers(p, 'start')));
  });
});
