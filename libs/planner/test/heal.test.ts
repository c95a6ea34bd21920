import type { ClusterState, Operation, Plan } from '@pitrix/cluster-model';
import type { Blueprint } from '@pitrix/package';
import { describe, expect, it } from 'vitest';
import { planJob } from '../src/index.js';
import { codeOf, thrownBy } from './fixtures/assertions.js';
import { blueprint, hook, role } from './fixtures/blueprints.js';
import { commandNodes, shape, taskOf } from './fixtures/plans.js';
import { deployed } from './fixtures/states.js';

function plan(operation: Operation, bp: Blueprint, state: ClusterState = deployed(bp)): Plan {
  return planJob({ jobId: 'job-heal', operation, blueprint: bp, state });
}

const STORE = blueprint(role('db', { count: 3, volume: { size: 10 }, services: { init: hook('init'), start: hook('start'), stop: hook('stop'), scale_out: hook('scale-out') } }), role('web', { count: 2, services: { start: hook('web-start') } }));
const STATE = deployed(STORE);
const [first, second] = STATE.nodes.filter((node) => node.role === 'db');

describe('heal', () => {
  const p = plan({ action: 'heal', nodeIds: [first!.nodeId], reason: 'HeartbeatMissing' }, STORE, { ...STATE, nodes: STATE.nodes.map((node) => (node.nodeId === first!.nodeId ? { ...node, volumeId: 'vol-1' } : node)) });

  it('replaces the instance, attaches the kept volume, writes metadata, then runs init and start on the healed node only', () => {
    expect(shape(p)).toEqual([['terminateInstance'], ['runInstance'], ['attachVolume', 'waitForDrones'], ['writeMetadata'], ['cmd:init'], ['cmd:start']]);
    expect(commandNodes(p, 'init')).toEqual([first!.nodeId]);
    expect(commandNodes(p, 'start')).toEqual([first!.nodeId]);
  });

  it('keeps the node id, names the new instance after the job, and lets the old one be gone already', () => {
    expect(taskOf(p, `runInstance/${first!.nodeId}`).spec).toEqual({ type: 'runInstance', nodeId: first!.nodeId, generation: 'job-heal' });
    expect(taskOf(p, `terminateInstance/${first!.nodeId}`).failureAllowed).toBe(true);
    expect(p.tasks.some((task) => task.spec.type === 'registerNodes' || task.spec.type === 'createVolume')).toBe(false);
  });

  it('heals several nodes of a cluster in one job, side by side', () => {
    const both = plan({ action: 'heal', nodeIds: [first!.nodeId, second!.nodeId], reason: 'HeartbeatMissing' }, STORE);
    expect(commandNodes(both, 'init').sort()).toEqual([first!.nodeId, second!.nodeId].sort());
    expect(shape(both)[0]).toEqual(['terminateInstance']);
  });

  it.each([
    ['no node', [], 'at least one node'],
    ['a node of another cluster', ['cln-nowhere'], 'is not in cluster'],
  ])('refuses %s, naming it', (_name, nodeIds, message) => {
    const run = () => plan({ action: 'heal', nodeIds, reason: 'HeartbeatMissing' }, STORE);
    expect(codeOf(run)).toBe('CLUSTER.INVALID_ARGUMENT');
    expect((thrownBy(run) as Error).message).toContain(message);
  });

  it('refuses a stopped node: it is not down', () => {
    const stopped = { ...STATE, nodes: STATE.nodes.map((node) => (node.nodeId === first!.nodeId ? { ...node, status: 'stopped' as const } : node)) };
    expect(codeOf(() => plan({ action: 'heal', nodeIds: [first!.nodeId], reason: 'HeartbeatMissing' }, STORE, stopped))).toBe('CLUSTER.INVALID_ARGUMENT');
  });

  it('needs an active cluster', () => {
    expect(codeOf(() => plan({ action: 'heal', nodeIds: [first!.nodeId], reason: 'HeartbeatMissing' }, STORE, deployed(STORE, 'stopped')))).toBe('CLUSTER.INVALID_STATE');
  });
});
