import type { ClusterState, Plan } from '@pitrix/cluster-model';
import type { Blueprint } from '@pitrix/package';
import { describe, expect, it } from 'vitest';
import { planJob } from '../src/index.js';
import { codeOf } from './fixtures/assertions.js';
import { blueprint, hook, role } from './fixtures/blueprints.js';
import { renderExample } from './fixtures/examples.js';
import { commands, layerOf, shape, taskOf } from './fixtures/plans.js';
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
