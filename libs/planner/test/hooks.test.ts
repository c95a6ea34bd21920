import type { Operation, Plan } from '@pitrix/cluster-model';
import type { Blueprint } from '@pitrix/package';
import { describe, expect, it } from 'vitest';
import { planJob } from '../src/index.js';
import { blueprint, hook, role } from './fixtures/blueprints.js';
import { commandLayers, commandNodes, commands, layerOf, taskOf, tasksOfType } from './fixtures/plans.js';
import { cluster, createdNodes, deployed } from './fixtures/states.js';

function plan(operation: Operation, bp: Blueprint, status: 'active' | 'stopped' | 'pending' = 'active'): Plan {
  const state = status === 'pending' ? cluster('pending') : deployed(bp, status);
  return planJob({ jobId: 'job-1', operation, blueprint: bp, state });
}

/** The node ids of a role's nodes in a plan's state, by server id. */
function nodeIdsOf(bp: Blueprint, deployedRole: string, status: 'active' | 'stopped' = 'active'): string[] {
  return createdNodes(bp, status).filter((node) => node.role === deployedRole).sort((a, b) => a.serverId - b.serverId).map((node) => node.nodeId);
}

describe('hooks: order groups', () => {
  const bp = blueprint(
    role('a', { services: { start: hook('start-a', { order: 10 }), stop: hook('stop-a', { order: 10 }), destroy: hook('destroy-a', { order: 10 }) } }),
    role('b', { services: { start: hook('start-b', { order: 0 }), stop: hook('stop-b', { order: 0 }), destroy: hook('destroy-b', { order: 0 }) } }),
    role('c', { count: 2, services: { start: hook('start-c', { order: 10 }), stop: hook('stop-c', { order: 10 }) } }),
  );
  const layerOfCmd = (p: Plan, cmd: string) => commands(p).filter((command) => command.cmd === cmd).map((command) => command.layer);

  it.each<[string, Operation, 'active' | 'stopped', string, string[], string[]]>([
    ['start runs ascending', { action: 'start' }, 'stopped', 'start', ['start-b'], ['start-a', 'start-c']],
    ['stop runs descending', { action: 'stop' }, 'active', 'stop', ['stop-a', 'stop-c'], ['stop-b']],
    ['destroy runs descending', { action: 'delete', force: false }, 'active', 'destroy', ['destroy-a'], ['destroy-b']],
  ])('%s', (_name, operation, status, service, first, second) => {
    const p = plan(operation, bp, status);
    const firstLayers = new Set(first.flatMap((cmd) => layerOfCmd(p, cmd)));
    const secondLayers = new Set(second.flatMap((cmd) => layerOfCmd(p, cmd)));
    expect(firstLayers.size).toBe(1);
    expect(secondLayers.size).toBe(1);
    expect([...secondLayers][0]).toBe(([...firstLayers][0] as number) + 1);
    expect(commandLayers(p, service)).toHaveLength(2);
  });

  it('every task of a group waits for every task of the previous group', () => {
    const p = plan({ action: 'start' }, bp, 'stopped');
    const early = commands(p, 'start').filter((command) => command.cmd === 'start-b').map((command) => command.id);
    const late = commands(p, 'start').filter((command) => command.cmd !== 'start-b');
    expect(late).toHaveLength(3);
    for (const command of late) expect([...taskOf(p, command.id).dependsOn].sort()).toEqual([...early].sort());
  });
});

describe('hooks: targets', () => {
  const withReplicas = (nodesToExecuteOn?: number) =>
    blueprint(role('db', { count: 2, replica: 1, services: { start: hook('start', nodesToExecuteOn === undefined ? {} : { nodesToExecuteOn }) } }));

  it.each<[string, number | undefined, string[]]>([
    ['all nodes by default', undefined, ['db#0', 'db#1', 'db-replica#0', 'db-replica#1']],
    ['replicas are dropped first', 3, ['db#0', 'db#1', 'db-replica#0']],
    ['masters only when the limit allows no more', 2, ['db#0', 'db#1']],
    ['the master with the lowest server id', 1, ['db#0']],
    ['a limit above the node count takes all', 10, ['db#0', 'db#1', 'db-replica#0', 'db-replica#1']],
  ])('%s', (_name, limit, expected) => {
    const bp = withReplicas(limit);
    const ids = (deployedRole: string) => nodeIdsOf(bp, deployedRole, 'stopped');
    const wanted = expected.map((name) => {
      const [deployedRole, index] = name.split('#') as [string, string];
      return ids(deployedRole)[Number(index)] as string;
    });
    expect(commandNodes(plan({ action: 'start' }, bp, 'stopped'), 'start')).toEqual([...wanted].sort());
  });

  it('roles without an agent or without the hook run nothing', () => {
    const bp = blueprint(role('plain', { count: 2, agentInstalled: false }), role('quiet', { services: { stop: hook('stop') } }), role('app', { services: { start: hook('start') } }));
    const p = plan({ action: 'start' }, bp, 'stopped');
    expect(commandNodes(p, 'start')).toEqual(nodeIdsOf(bp, 'app', 'stopped'));
    const waited = tasksOfType(p, 'waitForDrones').flatMap((task) => (task.spec.type === 'waitForDrones' ? task.spec.nodeIds : []));
    expect([...waited].sort()).toEqual([...nodeIdsOf(bp, 'quiet', 'stopped'), ...nodeIdsOf(bp, 'app', 'stopped')].sort());
  });

  it.each<[string, number | undefined, number]>([
    ['the default timeout', undefined, 600],
    ['the hook timeout', 3600, 3600],
    ['the longest timeout', 86_400, 86_400],
  ])('commands carry %s', (_name, timeout, expected) => {
    const bp = blueprint(role('db', { services: { start: hook('start', timeout === undefined ? {} : { timeout }) } }));
    expect(commands(plan({ action: 'start' }, bp, 'stopped'), 'start').map((command) => command.timeoutSeconds)).toEqual([expected]);
  });
});

describe('hooks: pre-checks gate every change', () => {
  const bp = blueprint(
    role('db', { count: 2, services: { scale_out: hook('grow', { preCheck: 'may-grow', nodesToExecuteOn: 1 }), act: hook('act', { type: 'custom', preCheck: 'may-act', order: 3 }) } }),
    role('web', { services: { act: hook('act-web', { type: 'custom', order: 1 }) } }),
  );

  it.each<[string, Operation, string, number]>([
    ['addNodes runs scale_out:preCheck on the hook targets', { action: 'addNodes', role: 'web', count: 1 }, 'scale_out:preCheck', 1],
    ['runAction runs the action pre-check on its targets', { action: 'runAction', name: 'act', params: {} }, 'act:preCheck', 2],
  ])('%s', (_name, operation, service, count) => {
    const p = plan(operation, bp);
    const checks = commands(p, service);
    expect(checks).toHaveLength(count);
    expect(checks.every((check) => check.layer === 0 && !check.failureAllowed)).toBe(true);
    const checkIds = new Set(checks.map((check) => check.id));
    // Everything else sits behind the pre-checks: the first layer after them waits for all of them.
    for (const id of p.layers[1] ?? []) expect(new Set(taskOf(p, id).dependsOn)).toEqual(checkIds);
    expect(p.layers[0]).toEqual([...checkIds].sort());
  });

  it('a pre-check runs the preCheck command under <hook>:preCheck with the hook timeout', () => {
    const [check] = commands(plan({ action: 'runAction', name: 'act', params: { level: 2 } }, bp), 'act:preCheck');
    expect(check).toMatchObject({ cmd: 'may-act', timeoutSeconds: 600, params: { level: 2 } });
  });
});

describe('hooks: init, start, customMetadata and key pairs on create', () => {
  const bp = blueprint(
    role('early', { passphraseless: 'ssh-rsa', customMetadata: { cmd: 'print-token' }, services: { init: hook('init-early'), start: hook('start-early', { order: 1 }) } }),
    role('late', { passphraseless: 'ssh-dsa', services: { init: hook('init-late', { postStartService: true }), start: hook('start-late', { order: 5 }) } }),
  );
  const p = plan({ action: 'create', atomic: false }, bp, 'pending');
  const layerOfCmd = (cmd: string) => commands(p).filter((command) => command.cmd === cmd).map((command) => command.layer)[0] as number;
  const metadataLayers = tasksOfType(p, 'writeMetadata').map((task) => layerOf(p, task.id));

  it('init runs before start, and after every start group with postStartService', () => {
    expect(layerOfCmd('init-early')).toBeLessThan(layerOfCmd('start-early'));
    expect(layerOfCmd('start-early')).toBeLessThan(layerOfCmd('start-late'));
    expect(layerOfCmd('init-late')).toBe(layerOfCmd('start-late') + 1);
  });

  it('customMetadata runs after init and before start, captures the token, and metadata is rewritten', () => {
    const [token] = commands(p, 'customMetadata');
    expect(token).toMatchObject({ cmd: 'print-token', capture: 'token', timeoutSeconds: 60 });
    expect(token?.layer).toBe(layerOfCmd('init-early') + 1);
    expect(metadataLayers).toContain((token?.layer as number) + 1);
    expect(layerOfCmd('start-early')).toBe((token?.layer as number) + 2);
  });

  it('passphraseless roles generate a key pair under the data folder before the first writeMetadata', () => {
    const keys = commands(p, 'keyPair');
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key.capture).toBe('pubKey');
      expect(key.cmd).toContain('$PITRIX_DATA_DIR/.ssh/');
      expect(key.cmd).not.toContain('/root');
      expect(key.layer).toBe(Math.min(...metadataLayers) - 1);
    }
    expect(keys.map((key) => key.cmd.includes('-t dsa'))).toEqual([false, true]);
  });
});
