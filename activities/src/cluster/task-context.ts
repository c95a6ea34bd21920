import type { ClusterState, NewClusterEvent, NodeState } from '@pitrix/cluster-model';
import type { ClusterEventStore, ClusterReadModel, JobSpecStore } from '@pitrix/cluster-store';
import type { ProviderRegistry, ProviderSession, ReleaseSession } from '@pitrix/provider-contract';
import type { RuntimeStore } from '@pitrix/runtime-store';
import { PitrixError } from '@pitrix/errors';
import type { AgentBootstrapper } from '../providers/agent-bootstrapper.js';
import { loadJob } from './job.activities.js';
import type { ClusterPilot } from './ports.js';

/** Everything a cluster task may use. */
export interface ClusterTaskDeps {
  readonly events: ClusterEventStore;
  readonly reads: ClusterReadModel;
  readonly specs: JobSpecStore;
  readonly runtimes: RuntimeStore;
  readonly providers: ProviderRegistry;
  readonly agents: AgentBootstrapper;
  readonly pilot: ClusterPilot;
}

/** One task's view of its job: ids, the spec, the cluster's current state, and how to record. */
export interface TaskContext {
  readonly deps: ClusterTaskDeps;
  readonly jobId: string;
  readonly runId: string;
  readonly taskId: string;
  readonly job: Awaited<ReturnType<typeof loadJob>>;
  state(): Promise<ClusterState>;
  node(nodeId: string): Promise<NodeState>;
  /** Appends events keyed by this task and a step name (idempotent per run). */
  record(step: string, event: NewClusterEvent['event']): Promise<void>;
  /** Runs `call` in a provider session of the cluster's runtime (credential opened here only). */
  withProvider<T>(call: (session: ProviderSession) => Promise<T>): Promise<T>;
  /** Runs `call` in a release session of the cluster's Kubernetes runtime (credential opened here only). */
  withReleases<T>(call: (session: ReleaseSession) => Promise<T>): Promise<T>;
  /** The cluster's frontgate; tasks that talk to agents need the cluster placed first. */
  frontgate(): Promise<{ frontgateId: string; frontgateHost: string; networkId: string }>;
}

/** Builds a task's context. */
export async function taskContext(deps: ClusterTaskDeps, jobId: string, runId: string, taskId: string): Promise<TaskContext> {
  const job = await loadJob(deps.specs, jobId);
  const clusterId = job.clusterId;
  const state = () => deps.reads.state(clusterId, { clusterId, name: job.payload.cluster?.name ?? '', ...job.payload.target });
  return {
    deps,
    jobId,
    runId,
    taskId,
    job,
    state,
    async node(nodeId) {
      const node = (await state()).nodes.find((candidate) => candidate.nodeId === nodeId);
      if (!node) throw new PitrixError('CLUSTER.NOT_FOUND', `Node ${nodeId} is not part of cluster ${clusterId}`);
      return node;
    },
    async record(step, event) {
      await deps.events.append([{ clusterId, key: `task/${jobId}/${runId}/${taskId}/${step}`, event }]);
    },
    async withProvider(call) {
      const { runtime, context } = await deps.runtimes.resolve(job.payload.target.runtimeId);
      const session = await deps.providers.machines(runtime.provider).connect(context);
      try {
        return await call(session);
      } finally {
        await session.close();
      }
    },
    async withReleases(call) {
      const { runtime, context } = await deps.runtimes.resolve(job.payload.target.runtimeId);
      const session = await deps.providers.kubernetes(runtime.provider).connect(context);
      try {
        return await call(session);
      } finally {
        await session.close();
      }
    },
    async frontgate() {
      const placement = (await state()).placement;
      if (!placement) throw new PitrixError('CLUSTER.NOT_PLACED', `Cluster ${clusterId} has no frontgate yet`);
      return placement;
    },
  };
}
