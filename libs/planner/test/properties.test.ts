import type { Plan, TaskSpec } from '@pitrix/cluster-model';
import { isPitrixError } from '@pitrix/errors';
import { describe, expect, it } from 'vitest';
import { layersOf, planJob, type PlanInput } from '../src/index.js';
import { renderExample } from './fixtures/examples.js';
import { Random, randomInput } from './fixtures/random.js';
import { cluster, deployed } from './fixtures/states.js';

/** The node ids a task names. */
function nodesNamed(spec: TaskSpec): string[] {
  if (spec.type === 'runCommand') return [spec.command.nodeId];
  if (spec.type === 'waitForDrones' || spec.type === 'removeNodes' || spec.type === 'setScalingHosts') return [...spec.nodeIds];
  if ('nodeId' in spec) return [spec.nodeId];
  return [];
}

function checkPlan(input: PlanInput, plan: Plan): void {
  expect(layersOf(plan.tasks)).toEqual(plan);
  const layerOf = new Map(plan.layers.flatMap((ids, layer) => ids.map((id) => [id, layer] as const)));
  expect(layerOf.size).toBe(plan.tasks.length);
  const known = new Set(input.state.nodes.map((node) => node.nodeId));
  for (const task of plan.tasks) if (task.spec.type === 'registerNodes') for (const node of task.spec.nodes) known.add(node.nodeId);
  for (const task of plan.tasks) {
    for (const dependency of task.dependsOn) expect(layerOf.get(dependency)).toBeLessThan(layerOf.get(task.id) as number);
    for (const nodeId of nodesNamed(task.spec)) expect(known.has(nodeId)).toBe(true);
    if (task.spec.type === 'runCommand') expect(task.spec.command.timeoutSeconds).toBeGreaterThan(0);
  }
}

const SEEDS = Array.from({ length: 300 }, (_, seed) => seed + 1);

describe('properties of random plans', () => {
  it.each(SEEDS)('seed %i: every plan validates, waits only on earlier layers and names known nodes', (seed) => {
    const input = randomInput(new Random(seed), seed);
    let plan: Plan;
    try {
      plan = planJob(input);
    } catch (error) {
      // A refusal is a cluster-level answer to the random arguments, never a broken plan.
      expect(isPitrixError(error) && error.code.startsWith('CLUSTER.')).toBe(true);
      return;
    }
    checkPlan(input, plan);
    expect(planJob(structuredClone(input))).toEqual(plan);
  });

  it('most random inputs are planned, not refused', () => {
    const planned = SEEDS.filter((seed) => {
      try {
        planJob(randomInput(new Random(seed), seed));
        return true;
      } catch {
        return false;
      }
    });
    expect(planned.length).toBeGreaterThan(SEEDS.length * 0.8);
  });
});

describe('determinism', () => {
  const redis = renderExample('redis-cluster');

  it('the same input gives the same plan, ids included', () => {
    const input: PlanInput = { jobId: 'job-1', operation: { action: 'create', atomic: true }, blueprint: redis, state: cluster('pending') };
    const first = planJob(input);
    expect(planJob(structuredClone(input))).toEqual(first);
    expect(JSON.stringify(planJob(input))).toBe(JSON.stringify(first));
  });

  it('only the job id seeds new node ids', () => {
    const plan = (jobId: string) => planJob({ jobId, operation: { action: 'addNodes', role: 'master', count: 1 }, blueprint: redis, state: deployed(redis) });
    const ids = (p: Plan) => p.tasks.map((task) => task.id);
    expect(ids(plan('job-a'))).toEqual(ids(plan('job-a')));
    expect(ids(plan('job-a'))).not.toEqual(ids(plan('job-b')));
  });
});
