import type { Task } from '@pitrix/cluster-model';
import { isPitrixError, type ErrorCode } from '@pitrix/errors';
import { describe, expect, it } from 'vitest';
import { layersOf } from '../src/index.js';
import { thrownBy } from './fixtures/assertions.js';

/** A task that writes metadata, depending on `dependsOn`. */
function task(id: string, ...dependsOn: string[]): Task {
  return { id, spec: { type: 'writeMetadata' }, dependsOn, title: id };
}

describe('layersOf: layers', () => {
  it.each<[string, Task[], string[][]]>([
    ['no task', [], []],
    ['one task', [task('a')], [['a']]],
    ['a chain', [task('c', 'b'), task('b', 'a'), task('a')], [['a'], ['b'], ['c']]],
    ['independent tasks share a layer, sorted by id', [task('b'), task('a'), task('c')], [['a', 'b', 'c']]],
    ['a task waits for its deepest dependency', [task('a'), task('b', 'a'), task('c', 'b'), task('d', 'a', 'c')], [['a'], ['b'], ['c'], ['d']]],
    ['a diamond', [task('top'), task('left', 'top'), task('right', 'top'), task('bottom', 'left', 'right')], [['top'], ['left', 'right'], ['bottom']]],
    ['a repeated dependency counts once', [task('a'), task('b', 'a', 'a')], [['a'], ['b']]],
    ['ids sort by code unit, not locale', [task('b'), task('B'), task('a'), task('_')], [['B', '_', 'a', 'b']]],
  ])('%s', (_name, tasks, layers) => {
    const plan = layersOf(tasks);
    expect(plan.layers).toEqual(layers);
    expect(plan.tasks.map((t) => t.id)).toEqual(tasks.map((t) => t.id));
  });

  it('a chain of 5,000 tasks has 5,000 layers (no recursion)', () => {
    const tasks = Array.from({ length: 5000 }, (_, i) => (i === 0 ? task('t0') : task(`t${i}`, `t${i - 1}`)));
    expect(layersOf(tasks).layers).toHaveLength(5000);
  });
});

describe('layersOf: refusals', () => {
  it.each<[string, Task[], ErrorCode, string | undefined]>([
    ['a duplicate id', [task('a'), task('a')], 'PLAN.DUPLICATE_TASK', undefined],
    ['a dependency on an unknown task', [task('a', 'ghost')], 'PLAN.MISSING_DEPENDENCY', undefined],
    ['a task depending on itself', [task('a', 'a')], 'PLAN.CYCLE', 'cycle: a -> a'],
    ['two tasks waiting for each other', [task('a', 'b'), task('b', 'a')], 'PLAN.CYCLE', 'cycle: a -> b -> a'],
    ['a cycle of three behind a sound task', [task('root'), task('x', 'root', 'z'), task('y', 'x'), task('z', 'y')], 'PLAN.CYCLE', 'cycle: x -> z -> y -> x'],
    ['a task hanging off a cycle', [task('tail', 'b'), task('b', 'c'), task('c', 'b')], 'PLAN.CYCLE', 'cycle: b -> c -> b'],
  ])('%s', (_name, tasks, code, message) => {
    const error = thrownBy(() => layersOf(tasks));
    expect(isPitrixError(error) && error.code).toBe(code);
    // The cycle is the one thing operators need to read, so its printed form is part of the contract.
    if (message !== undefined) expect(isPitrixError(error) && error.message).toBe(message);
  });

  it('a missing dependency names the task and the dependency', () => {
    const error = thrownBy(() => layersOf([task('a'), task('b', 'a', 'ghost')]));
    expect(isPitrixError(error) && error.problems).toEqual([expect.objectContaining({ path: 'tasks[1].dependsOn[1]', found: 'ghost' })]);
    expect(isPitrixError(error) && error.message).toContain('"b"');
    expect(isPitrixError(error) && error.message).toContain('"ghost"');
  });

  it('every duplicate is reported', () => {
    const error = thrownBy(() => layersOf([task('a'), task('b'), task('a'), task('b')]));
    expect(isPitrixError(error) && error.problems.map((problem) => problem.found)).toEqual(['a', 'b']);
  });
});
