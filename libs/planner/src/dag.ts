import type { Plan, Task } from '@pitrix/cluster-model';
import { PitrixError, type Problem } from '@pitrix/errors';

// Task ids are compared by code unit, never with localeCompare: the order of a layer must not
// depend on the locale of the machine that plans.
function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Validates a task DAG and cuts it into layers: a task's layer is one more than the highest layer
 * of what it depends on, tasks of a layer run in parallel and are listed by id. Throws
 * `PLAN.DUPLICATE_TASK`, `PLAN.MISSING_DEPENDENCY` (naming the task and the dependency) or
 * `PLAN.CYCLE` (printing the cycle as `cycle: a -> b -> a`, where `->` reads "depends on").
 */
export function layersOf(tasks: readonly Task[]): Plan {
  checkUnique(tasks);
  checkDependencies(tasks);
  const layerOf = assignLayers(tasks);
  const layers: string[][] = [];
  for (const task of tasks) {
    const layer = layerOf.get(task.id) ?? 0;
    (layers[layer] ??= []).push(task.id);
  }
  return { tasks: [...tasks], layers: layers.map((ids) => ids.sort(byId)) };
}

function checkUnique(tasks: readonly Task[]): void {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  tasks.forEach((task, index) => {
    if (seen.has(task.id)) problems.push({ path: `tasks[${index}].id`, code: 'duplicate', message: `task "${task.id}" is declared twice`, found: task.id });
    seen.add(task.id);
  });
  if (problems.length > 0) {
    throw new PitrixError('PLAN.DUPLICATE_TASK', `duplicate task ids: ${problems.map((problem) => problem.found).join(', ')}`, problems);
  }
}

function checkDependencies(tasks: readonly Task[]): void {
  const ids = new Set(tasks.map((task) => task.id));
  const problems: Problem[] = [];
  tasks.forEach((task, index) => {
    task.dependsOn.forEach((dependency, position) => {
      if (!ids.has(dependency)) {
        problems.push({ path: `tasks[${index}].dependsOn[${position}]`, code: 'missing', message: `task "${task.id}" depends on "${dependency}", which is not in the plan`, found: dependency });
      }
    });
  });
  if (problems.length > 0) throw new PitrixError('PLAN.MISSING_DEPENDENCY', problems.map((problem) => problem.message).join('; '), problems);
}

// Kahn's algorithm, iterative so that a long chain (a sequential resize of 200 nodes) cannot
// overflow the stack. Whatever it cannot place sits on or behind a cycle.
function assignLayers(tasks: readonly Task[]): Map<string, number> {
  const dependents = new Map<string, string[]>(tasks.map((task) => [task.id, []]));
  const waiting = new Map<string, number>();
  for (const task of tasks) {
    const dependencies = new Set(task.dependsOn);
    waiting.set(task.id, dependencies.size);
    for (const dependency of dependencies) dependents.get(dependency)?.push(task.id);
  }
  // `layerOf` holds only placed tasks (all their dependencies placed); `lowest` the layer so far.
  const layerOf = new Map<string, number>();
  const lowest = new Map<string, number>();
  const ready = tasks.filter((task) => waiting.get(task.id) === 0).map((task) => task.id);
  while (ready.length > 0) {
    const id = ready.pop() as string;
    const layer = lowest.get(id) ?? 0;
    layerOf.set(id, layer);
    for (const dependent of dependents.get(id) ?? []) {
      lowest.set(dependent, Math.max(lowest.get(dependent) ?? 0, layer + 1));
      const left = (waiting.get(dependent) ?? 0) - 1;
      waiting.set(dependent, left);
      if (left === 0) ready.push(dependent);
    }
  }
  if (layerOf.size < tasks.length) throwCycle(tasks, layerOf);
  return layerOf;
}

// Every unplaced task has an unplaced dependency, so walking from one along unplaced
// dependencies must come back to a task already on the path: that loop is a cycle.
function throwCycle(tasks: readonly Task[], placed: ReadonlyMap<string, number>): never {
  const byTaskId = new Map(tasks.map((task) => [task.id, task]));
  const unplaced = tasks.map((task) => task.id).filter((id) => !placed.has(id)).sort(byId);
  const path: string[] = [];
  const onPath = new Map<string, number>();
  let current = unplaced[0] as string;
  while (!onPath.has(current)) {
    onPath.set(current, path.length);
    path.push(current);
    const next = [...new Set(byTaskId.get(current)?.dependsOn ?? [])].filter((id) => !placed.has(id)).sort(byId)[0];
    current = next as string;
  }
  const cycle = [...path.slice(onPath.get(current)), current];
  throw new PitrixError('PLAN.CYCLE', `cycle: ${cycle.join(' -> ')}`, [
    { path: 'tasks', code: 'cycle', message: `cycle: ${cycle.join(' -> ')}`, found: cycle },
  ]);
}
