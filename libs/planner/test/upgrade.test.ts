import type { ClusterState, Plan } from '@pitrix/cluster-model';
import type { Blueprint } from '@pitrix/package';
import { describe, expect, it } from 'vitest';
import { planJob } from '../src/index.js';
import { codeOf } from './fixtures/assertions.js';
import { blueprint, blueprintWith, hook, role } from './fixtures/blueprints.js';
import { renderExample } from './fixtures/examples.js';
import { commands, layerOf, shape, taskOf, tasksOfType } from './fixtures/plans.js';
import { deployed } from './fixtures/states.js';

function upgrade(bp: Blueprint, state: ClusterState, canary: number, maxInFlight: number): Plan {
  return planJob({ jobId: 'job-5', operation: { action: 'upgrade', targetVersionId: 'appv-2', canary, maxInFlight }, blueprint: bp, state });
}

const hooks = (upgradeFields: Record<string, unknown> = {}) => ({ stop: hook('stop'), start: hook('start'), upgrade: hook('upgrade', upgradeFields) });
const CHAIN = ['cmd:stop', 'stopInstance', 'startInstance', 'waitForDrones', 'cmd:upgrade', 'cmd:start'];

describe('upgrade: rolling, per role, in batches', () => {
  const bp = blueprint(role('db', { count: 5, services: hooks() }));
  const state = deployed(bp);

  it('writes the new metadata first, rolls the canary then batches of maxInFlight, and switches the version last', () => {
    const p = upgrade(bp, state, 1, 2);
    expect(shape(p)).toEqual([['writeMetadata'], ...CHAIN.map((kind) => [kind]), ...CHAIN.map((kind) => [kind]), ...CHAIN.map((kind) => [kind]), ['setVersion']]);
    expect(p.layers.map((layer) => layer.length)).toEqual([1, ...Array(6).fill(1), ...Array(6).fill(2), ...Array(6).fill(2), 1]);
    expect(taskOf(p, 'setVersion').spec).toEqual({ type: 'setVersion', versionId: 'appv-2' });
  });

  it('each batch waits for every node of the previous batch', () => {
    const p = upgrade(bp, state, 2, 3);
    const [a, b, c] = state.nodes;
    expect([...taskOf(p, `stop/o0/${c?.nodeId}`).dependsOn].sort()).toEqual([`start/o0/${a?.nodeId}`, `start/o0/${b?.nodeId}`].sort());
    expect(p.layers.map((layer) => layer.length)).toEqual([1, ...Array(6).fill(2), ...Array(6).fill(3), 1]);
  });

  it('a canary as large as the role upgrades it in one batch', () => {
    expect(shape(upgrade(bp, state, 10, 1))).toHaveLength(1 + CHAIN.length + 1);
  });

  it('stop hooks may fail; the upgrade and start hooks may not', () => {
    const p = upgrade(bp, state, 1, 1);
    expect(commands(p, 'stop').every((command) => command.failureAllowed)).toBe(true);
    expect(commands(p).filter((command) => command.service !== 'stop').every((command) => !command.failureAllowed)).toBe(true);
  });

  it('an upgrade hook with postStartService runs after start', () => {
    const late = blueprint(role('db', { count: 1, services: hooks({ postStartService: true }) }));
    expect(shape(upgrade(late, deployed(late), 1, 1))).toEqual([['writeMetadata'], ['cmd:stop'], ['stopInstance'], ['startInstance'], ['waitForDrones'], ['cmd:start'], ['cmd:upgrade'], ['setVersion']]);
  });

  it('roles roll one after the other in blueprint order; masters before replicas', () => {
    const two = blueprint(role('db', { count: 1, replica: 1 }), role('web', { count: 1 }));
    const twoState = deployed(two);
    const p = upgrade(two, twoState, 1, 1);
    const order = twoState.nodes.map((node) => [node.role, layerOf(p, `stopInstance/${node.nodeId}`)] as const).sort((x, y) => x[1] - y[1]);
    expect(order.map(([name]) => name)).toEqual(['db', 'db-replica', 'web']);
  });

  it('the ZooKeeper example runs its upgrade hook once each new server is up', () => {
    const zk = renderExample('zookeeper');
    const p = upgrade(zk, deployed(zk), 1, 1);
    for (const command of commands(p, 'upgrade')) {
      const start = commands(p, 'start').find((candidate) => candidate.nodeId === command.nodeId);
      expect(command.layer).toBe((start?.layer as number) + 1);
    }
    expect(commands(p, 'upgrade')).toHaveLength(3);
  });
});

describe('upgrade: each batch of a health-checked role waits for its nodes to pass the check', () => {
  const check = (fields: Record<string, unknown> = {}) => ({ enable: true, checkCmd: 'check', intervalSec: 5, timeoutSec: 4, healthyThreshold: 2, unhealthyThreshold: 3, ...fields });
  const bp = blueprint(role('db', { count: 3, services: hooks(), healthCheck: check() }));
  const state = deployed(bp);

  it('adds a gate after every batch, the last one included; the next batch and setVersion wait for it', () => {
    const p = upgrade(bp, state, 1, 2);
    const gated = [...CHAIN.map((kind) => [kind]), ['waitHealthy']];
    expect(shape(p)).toEqual([['writeMetadata'], ...gated, ...gated, ['setVersion']]);
    const [a, b, c] = state.nodes;
    expect(taskOf(p, 'waitHealthy/1').dependsOn).toEqual([`start/o0/${a?.nodeId}`]);
    expect(taskOf(p, `stop/o0/${b?.nodeId}`).dependsOn).toEqual(['waitHealthy/1']);
    expect(taskOf(p, `stop/o0/${c?.nodeId}`).dependsOn).toEqual(['waitHealthy/1']);
    expect([...taskOf(p, 'waitHealthy/2').dependsOn].sort()).toEqual([`start/o0/${b?.nodeId}`, `start/o0/${c?.nodeId}`].sort());
    expect(taskOf(p, 'setVersion').dependsOn).toEqual(['waitHealthy/2']);
  });

  it('gates a batch on its own nodes, with the check’s threshold and a timeout of interval × (healthy + unhealthy + 2) + the check’s timeout', () => {
    const p = upgrade(bp, state, 1, 2);
    const [a, b, c] = state.nodes;
    // 5 s × (2 + 3 + 2) + 4 s
    expect(taskOf(p, 'waitHealthy/1').spec).toEqual({ type: 'waitHealthy', nodeIds: [a?.nodeId], healthyThreshold: 2, timeoutSeconds: 39 });
    expect(taskOf(p, 'waitHealthy/2').spec).toEqual({ type: 'waitHealthy', nodeIds: [b?.nodeId, c?.nodeId], healthyThreshold: 2, timeoutSeconds: 39 });
    expect(taskOf(p, 'waitHealthy/1').title).toBe('Wait until db #1 passes the health check 2 times in a row');
  });

  it('the blueprint’s health check gates the roles without their own; a role’s disabled check turns its gate off', () => {
    const bpWith = blueprintWith({ healthCheck: check({ healthyThreshold: 4 }) }, role('db', { count: 2 }), role('web', { count: 1, healthCheck: check({ enable: false }) }));
    const p = upgrade(bpWith, deployed(bpWith), 1, 1);
    const gates = tasksOfType(p, 'waitHealthy');
    const db = deployed(bpWith).nodes.filter((node) => node.role === 'db').map((node) => node.nodeId);
    expect(gates.map((gate) => [gate.id, gate.spec])).toEqual([
      ['waitHealthy/1', { type: 'waitHealthy', nodeIds: [db[0]], healthyThreshold: 4, timeoutSeconds: 5 * (4 + 3 + 2) + 4 }],
      ['waitHealthy/2', { type: 'waitHealthy', nodeIds: [db[1]], healthyThreshold: 4, timeoutSeconds: 5 * (4 + 3 + 2) + 4 }],
    ]);
  });

  it('roles without a health check, or without drones to run it, are not gated', () => {
    const mixed = blueprint(role('plain', { count: 2 }), role('vm', { count: 2, agentInstalled: false, healthCheck: check() }));
    expect(tasksOfType(upgrade(mixed, deployed(mixed), 1, 1), 'waitHealthy')).toEqual([]);
  });

  it('gates of different roles are numbered in rollout order and a role’s first batch waits for the previous role’s last gate', () => {
    const two = blueprint(role('db', { count: 1, healthCheck: check() }), role('web', { count: 2, healthCheck: check() }));
    const twoState = deployed(two);
    const p = upgrade(two, twoState, 1, 1);
    expect(tasksOfType(p, 'waitHealthy').map((gate) => gate.id)).toEqual(['waitHealthy/1', 'waitHealthy/2', 'waitHealthy/3']);
    const firstWeb = twoState.nodes.find((node) => node.role === 'web');
    expect(taskOf(p, `stopInstance/${firstWeb?.nodeId}`).dependsOn).toEqual(['waitHealthy/1']);
  });

  it('a completed gate has nothing to undo: the rollback of a later failure undoes the canary around it', () => {
    const up = upgrade(bp, state, 1, 2);
    const completed = up.layers.slice(0, 1 + CHAIN.length + 1).flat().map((id) => taskOf(up, id));
    expect(completed.at(-1)?.id).toBe('waitHealthy/1');
    const undo = planJob({ jobId: 'job-undo', operation: { action: 'rollback', jobId: 'job-5' }, blueprint: bp, state: { ...state, status: 'failed' }, completedTasks: completed });
    expect(undo.tasks.map((task) => task.id).filter((id) => id.includes('waitHealthy'))).toEqual([]);
    expect(tasksOfType(undo, 'waitHealthy')).toEqual([]);
    expect(tasksOfType(undo, 'startInstance')).toHaveLength(1);
  });
});

describe('upgrade: refusals', () => {
  const current = blueprint(role('db', { count: 2 }), role('web'));
  const state = deployed(current);

  it.each<[string, Blueprint, number, number, string]>([
    ['a new version without a role the cluster runs', blueprint(role('db', { count: 2 })), 1, 1, 'CLUSTER.UPGRADE_INCOMPATIBLE'],
    ['a new version with a role the cluster lacks', blueprint(role('db', { count: 2 }), role('web'), role('cache')), 1, 1, 'CLUSTER.UPGRADE_INCOMPATIBLE'],
    ['a renamed role', blueprint(role('db', { count: 2 }), role('frontend')), 1, 1, 'CLUSTER.UPGRADE_INCOMPATIBLE'],
    ['no canary', current, 0, 1, 'CLUSTER.INVALID_ARGUMENT'],
    ['no node in flight', current, 1, 0, 'CLUSTER.INVALID_ARGUMENT'],
  ])('refuses %s', (_name, bp, canary, maxInFlight, code) => {
    expect(codeOf(() => upgrade(bp, state, canary, maxInFlight))).toBe(code);
  });

  it('accepts a new role without nodes', () => {
    const next = blueprint(role('db', { count: 2 }), role('web'), role('cache', { count: 0 }));
    expect(upgrade(next, state, 1, 1).tasks.length).toBeGreaterThan(0);
  });
});
