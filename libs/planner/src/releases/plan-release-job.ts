import { releaseClientToken, type Operation, type Plan, type ReleaseBlueprint, type ReleaseWorkload, type Task, type TaskSpec, type WorkloadTarget } from '@pitrix/cluster-model';
import { PitrixError } from '@pitrix/errors';
import { layersOf } from '../dag.js';
import type { PlanInput } from '../input.js';
import { checkStatus } from '../status-rules.js';
import { TaskList } from '../task-list.js';

/** A plan input whose blueprint is a chart cluster's. */
export type ReleasePlanInput = Omit<PlanInput, 'blueprint'> & { readonly blueprint: ReleaseBlueprint };

/**
 * Plans a job of a chart cluster. Every operation is a short chain of Helm steps and one
 * readiness task per workload, in parallel: Helm itself is never asked to wait, so each workload's
 * readiness is its own task in the DAG, with its own status, time and error.
 *
 * - create: preflight → install → ready per workload → Helm tests → nodes recorded
 * - upgrade, update values, resize, scaling through a declared value: preflight → upgrade →
 *   ready per workload (→ tests, version switched, for an upgrade) → nodes recorded
 * - scaling without a declared value, stop, start, restart: the scale subresource per workload
 * - delete, cease: uninstall (nothing left) → nodes recorded; recover: install again
 * - rollback: the inverse of what the failed job completed (an install is uninstalled, an upgrade
 *   rolled back to the revision before it, a scale set back), then the waits and the nodes
 */
export function planReleaseJob(input: ReleasePlanInput): Plan {
  checkStatus(input.operation, input.state);
  const plan = new ReleasePlan(input);
  plan.build(input.operation);
  return layersOf(plan.tasks.list());
}

class ReleasePlan {
  readonly tasks = new TaskList();
  private readonly blueprint: ReleaseBlueprint;

  constructor(private readonly input: ReleasePlanInput) {
    this.blueprint = input.blueprint;
  }

  build(operation: Operation): void {
    switch (operation.action) {
      case 'create':
        return this.sync(this.tests(this.waitAll(this.add('install', { type: 'installRelease' }, [this.preflight()], `Install release ${this.blueprint.release}`))));
      case 'recover':
        return this.sync(this.waitAll(this.keepScaled(this.add('install', { type: 'installRelease' }, [this.preflight()], `Install release ${this.blueprint.release} again`))));
      case 'upgrade': {
        const tested = this.tests(this.waitAll(this.keepScaled(this.upgrade(`Upgrade release ${this.blueprint.release} to chart ${this.blueprint.chart.version}`))));
        return this.sync([this.add('setVersion', { type: 'setVersion', versionId: operation.targetVersionId }, tested, 'Record the new version')]);
      }
      case 'updateEnv':
        return this.sync(this.waitAll(this.keepScaled(this.upgrade(`Upgrade release ${this.blueprint.release} with the new values`))));
      case 'resize':
        return this.resize(operation.roles.map((size) => size.role));
      case 'addNodes':
        return this.scaleRole(operation.role, this.replicasOf(operation.role) - operation.count);
      case 'deleteNodes':
        return this.scaleIn(operation.nodeIds);
      case 'stop':
        return this.sync(this.scaleAll((workload) => workload.replicas ?? 0, () => 0, 'Stop'));
      case 'start':
        return this.sync(this.waitAll(this.scaleAll(() => 0, (workload) => workload.replicas ?? 0, 'Start')));
      case 'restart': {
        const stopped = this.scaleAll((workload) => workload.replicas ?? 0, () => 0, 'Stop', 'stop');
        return this.sync(this.waitAll(this.scaleAll(() => 0, (workload) => workload.replicas ?? 0, 'Start', 'start', stopped)));
      }
      case 'delete':
      case 'cease':
        return this.sync([this.add('uninstall', { type: 'uninstallRelease' }, [], `Uninstall release ${this.blueprint.release}`)]);
      case 'rollback':
        return this.rollback(operation.jobId);
      case 'heal':
        throw new PitrixError('CLUSTER.INVALID_OPERATION', 'heal is not available for chart clusters: Kubernetes replaces their pods itself', [
          { path: 'action', message: 'not available for Helm releases', expected: 'an operation of chart clusters', found: operation.action },
        ]);
      case 'runAction':
      case 'backup':
      case 'restore':
      case 'deleteSnapshot':
        throw new PitrixError('CLUSTER.INVALID_OPERATION', `${operation.action} is not available for chart clusters: a Helm chart declares no actions, backups or restores`, [
          { path: 'action', message: 'not available for Helm releases', expected: 'an operation of chart clusters', found: operation.action },
        ]);
    }
  }

  private add(id: string, spec: TaskSpec, after: readonly string[], title: string): string {
    return this.tasks.add(id, spec, after, title);
  }

  private preflight(): string {
    return this.add('preflight', { type: 'preflightRelease' }, [], `Check chart ${this.blueprint.chart.name} ${this.blueprint.chart.version} against namespace ${this.blueprint.namespace}`);
  }

  private upgrade(title: string): string {
    return this.add('upgrade', { type: 'upgradeRelease' }, [this.preflight()], title);
  }

  /**
   * After Helm applied the manifests, the workloads the cluster scaled through their scale
   * subresource (the chart declares no value for them) are scaled back to their recorded count.
   */
  private keepScaled(after: string): string[] {
    const drifted = this.blueprint.workloads.filter((w) => w.replicasValue === null && w.replicas !== null && w.renderedReplicas !== null && w.replicas !== w.renderedReplicas);
    const scaled = drifted.map((workload) =>
      this.add(`keep-scale/${workload.kind}/${workload.name}`, { type: 'scaleWorkload', workload: target(workload), replicas: workload.replicas ?? 0, previousReplicas: workload.renderedReplicas ?? 0 }, [after], `Scale ${workload.kind} ${workload.name} back to ${workload.replicas} replicas`),
    );
    return [after, ...scaled];
  }

  /** One readiness task per workload, all after `after`, in parallel. */
  private waitAll(after: string | readonly string[], workloads: readonly ReleaseWorkload[] = this.blueprint.workloads): string[] {
    const deps = typeof after === 'string' ? [after] : after;
    if (workloads.length === 0) return [...deps];
    return workloads.map((workload) => this.add(`ready/${workload.kind}/${workload.name}`, { type: 'waitWorkload', workload: target(workload) }, deps, `Wait until ${workload.kind} ${workload.name} is ready`));
  }

  private tests(after: readonly string[]): readonly string[] {
    if (!this.blueprint.hasTests) return after;
    return [this.add('test', { type: 'testRelease' }, after, `Run the Helm tests of ${this.blueprint.release}`)];
  }

  private sync(after: readonly string[]): void {
    this.add('nodes', { type: 'syncReleaseNodes' }, after, 'Record the pods as the cluster\'s nodes');
  }

  /** The scale subresource of every workload that has replicas (DaemonSets and Jobs have none to set). */
  private scaleAll(from: (workload: ReleaseWorkload) => number, to: (workload: ReleaseWorkload) => number, verb: string, prefix = 'scale', after: readonly string[] = []): string[] {
    const scalable = this.blueprint.workloads.filter((workload) => workload.replicas !== null);
    const ids = scalable.map((workload) =>
      this.add(`${prefix}/${workload.kind}/${workload.name}`, { type: 'scaleWorkload', workload: target(workload), replicas: to(workload), previousReplicas: from(workload) }, after, `${verb} ${workload.kind} ${workload.name}: ${to(workload)} replicas`),
    );
    return ids.length > 0 ? ids : [...after];
  }

  /**
   * A workload to the replicas the blueprint now asks for: through the chart's declared value (an
   * upgrade with the new values, rendered by the API) or the scale subresource.
   */
  private scaleRole(role: string, previousReplicas: number): void {
    const workload = this.workload(role);
    if (workload.replicasValue !== null) {
      return this.sync(this.waitAll(this.keepScaled(this.upgrade(`Upgrade release ${this.blueprint.release}: ${workload.replicasValue} = ${workload.replicas}`)), [workload]));
    }
    const scaled = this.add(`scale/${workload.kind}/${workload.name}`, { type: 'scaleWorkload', workload: target(workload), replicas: workload.replicas ?? 0, previousReplicas }, [], `Scale ${workload.kind} ${workload.name} to ${workload.replicas} replicas`);
    this.sync(this.waitAll(scaled, [workload]));
  }

  /** Scaling in by pods: a workload's controller picks which pods go, so this is a count per workload. */
  private scaleIn(nodeIds: readonly string[]): void {
    const roles = new Set(nodeIds.map((nodeId) => {
      const node = this.input.state.nodes.find((candidate) => candidate.nodeId === nodeId);
      if (!node) throw new PitrixError('CLUSTER.NODE_NOT_FOUND', `Node ${nodeId} is not a pod of cluster ${this.input.state.clusterId}`, [{ path: 'nodeIds', message: 'not a node of the cluster', found: nodeId }]);
      return node.role;
    }));
    if (roles.size !== 1) {
      throw new PitrixError('CLUSTER.INVALID_ARGUMENT', 'scale in the pods of one workload at a time', [{ path: 'nodeIds', message: 'pods of several workloads', found: [...roles].join(', ') }]);
    }
    const role = [...roles][0] as string;
    this.scaleRole(role, this.replicasOf(role) + nodeIds.length);
  }

  private resize(roles: readonly string[]): void {
    const workloads = roles.map((role) => this.workload(role));
    const undeclared = workloads.filter((workload) => workload.resourcesValue === null);
    if (undeclared.length > 0) {
      throw new PitrixError('CLUSTER.INVALID_OPERATION', `chart ${this.blueprint.chart.name} declares no resources value for ${undeclared.map((w) => w.role).join(', ')} (Chart.yaml annotation pitrix.dev/resources)`, undeclared.map((workload) => ({
        path: 'roles', message: 'no declared resources value', found: workload.role,
      })));
    }
    this.sync(this.waitAll(this.keepScaled(this.upgrade(`Upgrade release ${this.blueprint.release} with new resources`)), workloads));
  }

  /** Undoes the failed job's completed Helm steps, newest first, then waits and records the nodes. */
  private rollback(failedJobId: string): void {
    const completed = this.input.completedTasks ?? [];
    let after: readonly string[] = [];
    let changed = false;
    for (const task of [...completed].reverse()) {
      const inverse = inverseOf(task, failedJobId, this.input.state.versionId);
      if (!inverse) continue;
      after = [this.add(`undo/${task.id}`, inverse, after, `Undo: ${task.title}`)];
      changed = true;
    }
    if (!changed) return;
    const uninstalled = completed.some((task) => task.spec.type === 'installRelease');
    const rolledBack = completed.some((task) => task.spec.type === 'upgradeRelease');
    this.sync(uninstalled ? after : this.waitAll(rolledBack ? this.keepScaled(after[0] as string) : after));
  }

  private workload(role: string): ReleaseWorkload {
    const workload = this.blueprint.workloads.find((candidate) => candidate.role === role);
    if (!workload) {
      throw new PitrixError('CLUSTER.ROLE_NOT_FOUND', `chart cluster ${this.input.state.clusterId} has no workload ${role}`, [
        { path: 'role', message: 'not a workload of the release', expected: this.blueprint.workloads.map((w) => w.role).join(', '), found: role },
      ]);
    }
    if (workload.replicas === null) {
      throw new PitrixError('CLUSTER.INVALID_OPERATION', `${workload.kind} ${workload.name} has no replica count to change`, [{ path: 'role', message: `a ${workload.kind} cannot be scaled`, found: role }]);
    }
    return workload;
  }

  private replicasOf(role: string): number {
    return this.workload(role).replicas ?? 0;
  }
}

function inverseOf(task: Task, failedJobId: string, versionBefore: string): TaskSpec | undefined {
  const spec = task.spec;
  switch (spec.type) {
    case 'installRelease':
      return { type: 'uninstallRelease' };
    case 'upgradeRelease':
      return { type: 'rollbackRelease', undoToken: releaseClientToken(failedJobId, task.id) };
    case 'scaleWorkload':
      return { type: 'scaleWorkload', workload: spec.workload, replicas: spec.previousReplicas, previousReplicas: spec.replicas };
    case 'setVersion':
      return { type: 'setVersion', versionId: versionBefore };
    default:
      return undefined;
  }
}

function target(workload: ReleaseWorkload): WorkloadTarget {
  return { kind: workload.kind, name: workload.name };
}
