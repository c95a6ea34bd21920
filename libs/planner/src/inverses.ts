import type { NodeState, Task, TaskSpec } from '@pitrix/cluster-model';
import type { PlanContext } from './context.js';
import { hookOf, hookTimeout } from './targets.js';

/** What undoes one completed task: a spec, and whether its failure is tolerated (hook commands only). */
export interface Inverse {
  readonly spec: TaskSpec;
  readonly failureAllowed: boolean;
}

/** What an inverse is computed from besides the task itself. */
export interface InverseSources {
  /** Every node the rollback may name: the cluster's and those the failed job registered. */
  readonly nodes: ReadonlyMap<string, NodeState>;
  /** The size each resized node had before the failed job. */
  readonly previousSize: (nodeId: string) => { readonly cpu: number; readonly memoryMiB: number };
}

/**
 * The inverse of a completed task, or undefined when nothing undoes it: checks, waits and
 * metadata writes change nothing to undo (a final writeMetadata follows), deletions and volume
 * growth cannot be undone, and of the hook commands only `start` has one (the node's `stop` hook).
 */
export function inverseOf(ctx: PlanContext, task: Task, sources: InverseSources): Inverse | undefined {
  const spec = task.spec;
  const plain = (inverse: TaskSpec): Inverse => ({ spec: inverse, failureAllowed: false });
  switch (spec.type) {
    case 'runInstance':
      return plain({ type: 'terminateInstance', nodeId: spec.nodeId });
    case 'terminateInstance':
      return plain({ type: 'runInstance', nodeId: spec.nodeId });
    case 'createVolume':
      return plain({ type: 'deleteVolume', nodeId: spec.nodeId });
    case 'attachVolume':
      return plain({ type: 'detachVolume', nodeId: spec.nodeId });
    case 'registerNodes':
      return plain({ type: 'removeNodes', nodeIds: spec.nodes.map((node) => node.nodeId) });
    case 'startInstance':
      return plain({ type: 'stopInstance', nodeId: spec.nodeId });
    case 'stopInstance':
      return plain({ type: 'startInstance', nodeId: spec.nodeId });
    case 'resizeInstance':
      return plain({ type: 'resizeInstance', nodeId: spec.nodeId, ...sources.previousSize(spec.nodeId) });
    case 'setScalingHosts':
      return spec.nodeIds.length > 0 ? plain({ type: 'setScalingHosts', kind: spec.kind, nodeIds: [] }) : undefined;
    case 'setVersion':
      // A rollback is planned with the version the cluster ran before the failed job (not the read
      // model's, which holds the new version once this task completed).
      return plain({ type: 'setVersion', versionId: ctx.state.versionId });
    case 'runCommand':
      return spec.command.service === 'start' ? stopCommand(ctx, spec.command.nodeId, sources) : undefined;
    default:
      return undefined;
  }
}

function stopCommand(ctx: PlanContext, nodeId: string, sources: InverseSources): Inverse | undefined {
  const node = sources.nodes.get(nodeId);
  const role = node ? ctx.roles.get(node.baseRole) : undefined;
  const stop = role ? hookOf(role, 'stop') : undefined;
  if (!stop) return undefined;
  return { spec: { type: 'runCommand', command: { nodeId, service: 'stop', cmd: stop.cmd, timeoutSeconds: hookTimeout(stop) } }, failureAllowed: true };
}
