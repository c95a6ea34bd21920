import type { NodeState, Task } from '@pitrix/cluster-model';
import { PitrixError } from '@pitrix/errors';
import type { PlanContext } from '../context.js';
import type { NodeSize } from '../input.js';
import { inverseOf, type Inverse } from '../inverses.js';
import { writeMetadata } from '../instances.js';

/**
 * rollback: the inverse of each completed task of the failed job, listed in reverse completion
 * order, each waiting for the inverses of the tasks that depended on the original (through
 * tasks without an inverse); then writeMetadata when a node remains, deleteMetadata when none
 * does. The blueprint is the one the cluster ran before the failed job (the failed create's own
 * when there was none), so that last writeMetadata puts its files, templates and values back,
 * also after a failed upgrade or updateEnv whose only completed task wrote the new metadata.
 * Nothing completed: an empty plan.
 */
export function planRollback(ctx: PlanContext): void {
  const completed = ctx.input.completedTasks ?? [];
  if (completed.length === 0) return;
  const registered = completed.flatMap((task) => (task.spec.type === 'registerNodes' ? task.spec.nodes : []));
  const nodes = new Map<string, NodeState>([...registered, ...ctx.state.nodes].map((node) => [node.nodeId, node]));
  checkPreviousSizes(ctx, completed);
  // checkPreviousSizes has made sure every resized node has one.
  const previousSize = (nodeId: string) => ctx.input.previousSizes?.[nodeId] as NodeSize;
  const inverses = new Map<string, Inverse>();
  for (const task of completed) {
    const inverse = inverseOf(ctx, task, { nodes, previousSize });
    if (inverse) inverses.set(task.id, inverse);
  }
  const waits = inverseDependencies(completed, inverses);
  const undone: string[] = [];
  for (const task of [...completed].reverse()) {
    const inverse = inverses.get(task.id);
    if (!inverse) continue;
    const after = [...(waits.get(task.id) ?? [])].map((id) => `undo/${id}`);
    undone.push(ctx.tasks.add(`undo/${task.id}`, inverse.spec, after, `Undo: ${task.title}`, { failureAllowed: inverse.failureAllowed }));
  }
  const waitedFor = new Set([...inverses.keys()].flatMap((id) => [...(waits.get(id) ?? [])]).map((id) => `undo/${id}`));
  const last = undone.filter((id) => !waitedFor.has(id));
  const gone = new Set(registered.map((node) => node.nodeId));
  if (ctx.state.nodes.some((node) => !gone.has(node.nodeId))) writeMetadata(ctx, last);
  else ctx.tasks.add('deleteMetadata', { type: 'deleteMetadata' }, last, 'Delete the cluster metadata');
}

// For each completed task, the nearest tasks depending on it (directly, or through tasks with
// no inverse) that have an inverse. A dependent completes after what it depends on, so walking
// the completion order backwards sees every dependent before the task itself.
function inverseDependencies(completed: readonly Task[], inverses: ReadonlyMap<string, Inverse>): Map<string, Set<string>> {
  const done = new Set(completed.map((task) => task.id));
  const dependents = new Map<string, string[]>();
  for (const task of completed) {
    for (const dependency of task.dependsOn) if (done.has(dependency)) dependents.set(dependency, [...(dependents.get(dependency) ?? []), task.id]);
  }
  const nearest = new Map<string, Set<string>>();
  for (const task of [...completed].reverse()) {
    const found = new Set<string>();
    for (const dependent of dependents.get(task.id) ?? []) {
      if (inverses.has(dependent)) found.add(dependent);
      else for (const id of nearest.get(dependent) ?? []) found.add(id);
    }
    nearest.set(task.id, found);
  }
  return nearest;
}

function checkPreviousSizes(ctx: PlanContext, completed: readonly Task[]): void {
  const missing = completed.flatMap((task) => (task.spec.type === 'resizeInstance' && !ctx.input.previousSizes?.[task.spec.nodeId] ? [task.spec.nodeId] : []));
  if (missing.length === 0) return;
  throw new PitrixError('CLUSTER.INVALID_ARGUMENT', `undoing a resize needs the size each node had before: previousSizes lacks ${missing.join(', ')}`, missing.map((nodeId) => ({
    path: `previousSizes.${nodeId}`,
    message: 'size before the failed job is missing',
    expected: '{ cpu, memoryMiB }',
    found: undefined,
  })));
}
