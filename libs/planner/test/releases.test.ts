import type { ClusterState, ClusterStatus, NodeState, Operation, Plan, ReleaseBlueprint, ReleaseWorkload, Task } from '@pitrix/cluster-model';
import { describe, expect, it } from 'vitest';
import { planJob } from '../src/index.js';
import { codeOf } from './fixtures/assertions.js';

const web: ReleaseWorkload = { kind: 'Deployment', name: 'cl-abc-web', role: 'web', replicas: 2, renderedReplicas: 2, replicasValue: 'web.replicas', resourcesValue: 'web.resources' };
const store: ReleaseWorkload = { kind: 'StatefulSet', name: 'cl-abc-store', role: 'store', replicas: 1, renderedReplicas: 1, replicasValue: null, resourcesValue: null };
const agent: ReleaseWorkload = { kind: 'DaemonSet', name: 'cl-abc-agent', role: 'agent', replicas: null, renderedReplicas: null, replicasValue: null, resourcesValue: null };

function chart(workloads: readonly ReleaseWorkload[] = [web, store], hasTests = true): ReleaseBlueprint {
  return { kind: 'helm', chart: { name: 'web-shop', version: '1.0.0', appVersion: '1.0' }, release: 'cl-abc', namespace: 'shop', workloads, hasTests };
}

function pod(role: string, serverId: number): NodeState {
  return { nodeId: `cln-${role}${serverId}`, role, baseRole: role, serverId, groupId: serverId, instanceId: `${role}-${serverId}`, privateIp: null, volumeId: null, cpu: 0, memoryMiB: 0, gpu: 0, volumeSizeGiB: 0, status: 'active', token: null, pubKey: null };
}

function state(status: ClusterStatus, nodes: readonly NodeState[] = []): ClusterState {
  return { clusterId: 'cl-abc', name: 'shop', appId: 'app-1', versionId: 'appv-1', runtimeId: 'rt-1', status, placement: null, nodes };
}

function plan(operation: Operation, status: ClusterStatus, blueprint = chart(), completedTasks?: Task[], nodes?: NodeState[]): Plan {
  return planJob({ jobId: 'job-2', operation, blueprint, state: state(status, nodes), completedTasks });
}

/** Each layer as `type` or `type:target` names, sorted. */
function layers(p: Plan): string[][] {
  const byId = new Map(p.tasks.map((task) => [task.id, task]));
  return p.layers.map((layer) =>
    layer.map((id) => {
      const spec = (byId.get(id) as Task).spec;
      if (spec.type === 'waitWorkload') return `wait:${spec.workload.name.replace('cl-abc-', '')}`;
      if (spec.type === 'scaleWorkload') return `scale:${spec.workload.name.replace('cl-abc-', '')}:${spec.previousReplicas}->${spec.replicas}`;
      if (spec.type === 'setVersion') return `setVersion:${spec.versionId}`;
      return spec.type;
    }).sort(),
  );
}

describe('chart cluster plans', () => {
  it('create: preflight, install, one readiness task per workload in parallel, tests, nodes', () => {
    expect(layers(plan({ action: 'create', atomic: false }, 'pending'))).toEqual([
      ['preflightRelease'],
      ['installRelease'],
      ['wait:store', 'wait:web'],
      ['testRelease'],
      ['syncReleaseNodes'],
    ]);
  });

  it('create of a chart without tests skips the test layer', () => {
    expect(layers(plan({ action: 'create', atomic: false }, 'pending', chart([web], false)))).toEqual([['preflightRelease'], ['installRelease'], ['wait:web'], ['syncReleaseNodes']]);
  });

  it('upgrade: the new chart, the readiness layer, tests, then the version switch', () => {
    expect(layers(plan({ action: 'upgrade', targetVersionId: 'appv-2', canary: 0, maxInFlight: 0 }, 'active'))).toEqual([
      ['preflightRelease'],
      ['upgradeRelease'],
      ['wait:store', 'wait:web'],
      ['testRelease'],
      ['setVersion:appv-2'],
      ['syncReleaseNodes'],
    ]);
  });

  it('after Helm applied the manifests, a workload scaled through its subresource is scaled back to its recorded count', () => {
    const scaledStore = chart([web, { ...store, replicas: 4 }]);
    expect(layers(plan({ action: 'updateEnv' }, 'active', scaledStore))).toEqual([['preflightRelease'], ['upgradeRelease'], ['scale:store:1->4'], ['wait:store', 'wait:web'], ['syncReleaseNodes']]);
  });

  it('updateEnv is an upgrade with the new values and no version switch', () => {
    expect(layers(plan({ action: 'updateEnv' }, 'active'))).toEqual([['preflightRelease'], ['upgradeRelease'], ['wait:store', 'wait:web'], ['syncReleaseNodes']]);
  });

  it('scaling a workload through the value the chart declares is an upgrade that waits for that workload', () => {
    const scaled = chart([{ ...web, replicas: 5 }, store]);
    expect(layers(plan({ action: 'addNodes', role: 'web', count: 3 }, 'active', scaled))).toEqual([['preflightRelease'], ['upgradeRelease'], ['wait:web'], ['syncReleaseNodes']]);
  });

  it('scaling a workload without a declared value goes through its scale subresource, from the old count to the new', () => {
    const scaled = chart([web, { ...store, replicas: 3 }]);
    expect(layers(plan({ action: 'addNodes', role: 'store', count: 2 }, 'active', scaled))).toEqual([['scale:store:1->3'], ['wait:store'], ['syncReleaseNodes']]);
  });

  it('scaling in names pods; the workload loses that many replicas', () => {
    const nodes = [pod('store', 1), pod('store', 2), pod('store', 3)];
    const scaled = chart([web, { ...store, replicas: 1 }]);
    expect(layers(plan({ action: 'deleteNodes', nodeIds: ['cln-store2', 'cln-store3'], force: false }, 'active', scaled, undefined, nodes))).toEqual([['scale:store:3->1'], ['wait:store'], ['syncReleaseNodes']]);
  });

  it('scaling in pods of two workloads at once is refused', () => {
    const nodes = [pod('store', 1), pod('web', 1)];
    expect(codeOf(() => plan({ action: 'deleteNodes', nodeIds: ['cln-store1', 'cln-web1'], force: false }, 'active', chart(), undefined, nodes))).toBe('CLUSTER.INVALID_ARGUMENT');
  });

  it('a DaemonSet cannot be scaled, and an unknown workload is named', () => {
    expect(codeOf(() => plan({ action: 'addNodes', role: 'agent', count: 1 }, 'active', chart([web, agent])))).toBe('CLUSTER.INVALID_OPERATION');
    expect(codeOf(() => plan({ action: 'addNodes', role: 'cache', count: 1 }, 'active'))).toBe('CLUSTER.ROLE_NOT_FOUND');
  });

  it('resize needs the resources value the chart declares', () => {
    expect(layers(plan({ action: 'resize', roles: [{ role: 'web', cpu: 2 }] }, 'active'))).toEqual([['preflightRelease'], ['upgradeRelease'], ['wait:web'], ['syncReleaseNodes']]);
    expect(codeOf(() => plan({ action: 'resize', roles: [{ role: 'store', cpu: 2 }] }, 'active'))).toBe('CLUSTER.INVALID_OPERATION');
  });

  it('stop scales every workload with replicas to zero; start scales back and waits', () => {
    expect(layers(plan({ action: 'stop' }, 'active', chart([web, store, agent])))).toEqual([['scale:store:1->0', 'scale:web:2->0'], ['syncReleaseNodes']]);
    expect(layers(plan({ action: 'start' }, 'stopped', chart([web, store, agent])))).toEqual([['scale:store:0->1', 'scale:web:0->2'], ['wait:agent', 'wait:store', 'wait:web'], ['syncReleaseNodes']]);
  });

  it('delete and cease uninstall the release; recover installs it again', () => {
    expect(layers(plan({ action: 'delete', force: false }, 'active'))).toEqual([['uninstallRelease'], ['syncReleaseNodes']]);
    expect(layers(plan({ action: 'cease' }, 'deleted'))).toEqual([['uninstallRelease'], ['syncReleaseNodes']]);
    expect(layers(plan({ action: 'recover' }, 'deleted'))).toEqual([['preflightRelease'], ['installRelease'], ['wait:store', 'wait:web'], ['syncReleaseNodes']]);
  });

  it('actions, backups and restores do not exist for charts', () => {
    for (const operation of [{ action: 'runAction', name: 'flush', params: {} }, { action: 'backup', snapshotId: 's' }, { action: 'restore', snapshotId: 's' }] as Operation[]) {
      expect(codeOf(() => plan(operation, 'active'))).toBe('CLUSTER.INVALID_OPERATION');
    }
  });

  it('the status rules of every cluster apply: a stopped cluster cannot be upgraded', () => {
    expect(codeOf(() => plan({ action: 'upgrade', targetVersionId: 'appv-2', canary: 0, maxInFlight: 0 }, 'stopped'))).toBe('CLUSTER.INVALID_STATE');
  });

  describe('rollback', () => {
    const failedUpgrade = plan({ action: 'upgrade', targetVersionId: 'appv-2', canary: 0, maxInFlight: 0 }, 'active');
    const completed = (p: Plan, types: string[]) => p.tasks.filter((task) => types.includes(task.spec.type));

    it('rolls an upgrade back to the revision before the one its task made, then waits and records the nodes', () => {
      const p = plan({ action: 'rollback', jobId: 'job-1' }, 'failed', chart(), completed(failedUpgrade, ['preflightRelease', 'upgradeRelease']));
      expect(layers(p)).toEqual([['rollbackRelease'], ['wait:store', 'wait:web'], ['syncReleaseNodes']]);
      const undo = p.tasks.find((task) => task.spec.type === 'rollbackRelease');
      expect(undo?.spec).toEqual({ type: 'rollbackRelease', undoToken: 'job-1/upgrade' });
    });

    it('uninstalls what a failed create installed', () => {
      const failedCreate = plan({ action: 'create', atomic: true }, 'pending');
      const p = plan({ action: 'rollback', jobId: 'job-1' }, 'failed', chart(), completed(failedCreate, ['preflightRelease', 'installRelease']));
      expect(layers(p)).toEqual([['uninstallRelease'], ['syncReleaseNodes']]);
    });

    it('sets a scaled workload back to its count', () => {
      const failedScale = plan({ action: 'addNodes', role: 'store', count: 2 }, 'active', chart([web, { ...store, replicas: 3 }]));
      const p = plan({ action: 'rollback', jobId: 'job-1' }, 'failed', chart(), completed(failedScale, ['scaleWorkload']));
      expect(layers(p)).toEqual([['scale:store:3->1'], ['wait:store', 'wait:web'], ['syncReleaseNodes']]);
    });

    it('has nothing to do when only checks completed', () => {
      expect(plan({ action: 'rollback', jobId: 'job-1' }, 'failed', chart(), completed(failedUpgrade, ['preflightRelease'])).tasks).toEqual([]);
    });
  });

  it('is a function of its input: the same input plans the same tasks and ids', () => {
    expect(plan({ action: 'create', atomic: false }, 'pending')).toEqual(plan({ action: 'create', atomic: false }, 'pending'));
  });
});
