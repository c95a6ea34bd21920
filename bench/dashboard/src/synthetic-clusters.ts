import { ClusterEventStore } from '@pitrix/cluster-store';
import type { NewClusterEvent, Plan } from '@pitrix/cluster-model';
import type { DataSource } from 'typeorm';

/** Clusters written straight into the event store (no workflow runs): a list to draw, a job to watch. */
export class SyntheticClusters {
  private readonly store: ClusterEventStore;

  constructor(dataSource: DataSource, private readonly owner: string) {
    this.store = new ClusterEventStore(dataSource);
  }

  /** `count` active clusters named `<prefix>-0000`…, in batches. */
  async createMany(prefix: string, count: number, runtimeId: string): Promise<void> {
    for (let start = 0; start < count; start += 100) {
      const events: NewClusterEvent[] = [];
      for (let i = start; i < Math.min(count, start + 100); i++) {
        const clusterId = `cl-${prefix}-${String(i).padStart(4, '0')}`;
        events.push(this.created(clusterId, `${prefix}-${String(i).padStart(4, '0')}`, runtimeId));
        events.push({ clusterId, key: `${clusterId}:active`, event: { type: 'ClusterStatusChanged', status: 'active', transitionStatus: '', reason: 'bench', message: '' } as NewClusterEvent['event'] });
      }
      await this.store.append(events);
    }
  }

  /** A cluster with one running job of `tasks` tasks in one layer, all pending. */
  async jobWithTasks(clusterId: string, jobId: string, tasks: number, runtimeId: string): Promise<string[]> {
    const taskIds = Array.from({ length: tasks }, (_, i) => `t${String(i).padStart(3, '0')}`);
    const plan: Plan = { tasks: taskIds.map((id) => ({ id, title: `bench task ${id}`, dependsOn: [], spec: { type: 'setScalingHosts', kind: 'adding', nodeIds: [] } })), layers: [taskIds] };
    await this.store.append([
      this.created(clusterId, clusterId, runtimeId),
      { clusterId, key: `${jobId}:started`, event: { type: 'JobStarted', jobId, action: 'start', workflowId: `bench/${jobId}`, runId: 'bench', owner: this.owner, previousStatus: 'stopped' } as NewClusterEvent['event'] },
      { clusterId, key: `${jobId}:planned`, event: { type: 'JobPlanned', jobId, plan } },
    ]);
    return taskIds;
  }

  /** The change whose arrival in the browser is timed: one task starts. */
  async startTask(clusterId: string, jobId: string, taskId: string): Promise<void> {
    await this.store.append([{ clusterId, key: `${jobId}:${taskId}:started`, event: { type: 'TaskStarted', jobId, taskId, attempt: 1 } }]);
  }

  private created(clusterId: string, name: string, runtimeId: string): NewClusterEvent {
    return {
      clusterId,
      key: `${clusterId}:created`,
      event: { type: 'ClusterCreated', name, description: 'bench', appId: 'app-bench', versionId: 'appv-bench', runtimeId, owner: this.owner, ownerPath: this.owner },
    };
  }
}
