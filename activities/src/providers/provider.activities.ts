import type {
  CreateVolumeResult,
  DeleteVolumeResult,
  DescribeInstancesRequest,
  Instance,
  Placement,
  ProviderRegistry,
  ProviderSession,
  ResourceCheck,
  ResourceDemand,
  TerminateResult,
  Volume,
} from '@pitrix/provider-contract';
import type { RuntimeStore } from '@pitrix/runtime-store';
import type { AgentBootstrapper, AgentSpec } from './agent-bootstrapper.js';
import { whileHeartbeating } from './heartbeat.js';

/** What the provider activities need: runtimes (with sealed credentials), providers, agent bootstrap. */
export interface ProviderActivityDeps {
  readonly runtimes: RuntimeStore;
  readonly providers: ProviderRegistry;
  readonly agents: AgentBootstrapper;
}

/** An instance to run, by reference: the runtime id, never its credential. */
export interface RunInstanceInput {
  readonly runtimeId: string;
  /** The task id: the same token always designates the same instance. */
  readonly clientToken: string;
  readonly name: string;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly gpu?: number;
  readonly networkId: string;
  readonly agent: AgentSpec;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Activities that call a runtime's provider. Each opens a session from the runtime id (the
 * credential is decrypted here and only here), makes one idempotent call and closes it.
 */
export function createProviderActivities(deps: ProviderActivityDeps) {
  const withSession = async <T>(runtimeId: string, call: (session: ProviderSession) => Promise<T>): Promise<T> => {
    const { runtime, context } = await deps.runtimes.resolve(runtimeId);
    const session = await deps.providers.machines(runtime.provider).connect(context);
    try {
      return await whileHeartbeating(() => call(session));
    } finally {
      await session.close();
    }
  };
  return {
    placeCluster: (input: { runtimeId: string; networkId?: string }): Promise<Placement> =>
      withSession(input.runtimeId, (s) => s.placeCluster({ networkId: input.networkId })),
    checkResources: (input: { runtimeId: string; demand: ResourceDemand }): Promise<ResourceCheck> =>
      withSession(input.runtimeId, (s) => s.checkResources(input.demand)),
    async runInstance(input: RunInstanceInput): Promise<Instance> {
      const agent = await deps.agents.bootstrap(input.agent);
      const { agent: _spec, runtimeId, ...request } = input;
      return withSession(runtimeId, async (s) => (await s.runInstance({ ...request, agent })).instance);
    },
    describeInstances: async (input: { runtimeId: string; filter: DescribeInstancesRequest }): Promise<Instance[]> =>
      withSession(input.runtimeId, async (s) => [...(await s.describeInstances(input.filter)).instances]),
    startInstance: (input: { runtimeId: string; instanceId: string }): Promise<Instance> =>
      withSession(input.runtimeId, async (s) => (await s.startInstance(input.instanceId)).instance),
    stopInstance: (input: { runtimeId: string; instanceId: string }): Promise<Instance> =>
      withSession(input.runtimeId, async (s) => (await s.stopInstance(input.instanceId)).instance),
    terminateInstance: (input: { runtimeId: string; instanceId: string }): Promise<TerminateResult> =>
      withSession(input.runtimeId, (s) => s.terminateInstance(input.instanceId)),
    resizeInstance: (input: { runtimeId: string; instanceId: string; cpu: number; memoryMiB: number }): Promise<Instance> =>
      withSession(input.runtimeId, async (s) => (await s.resizeInstance(input)).instance),
    createVolume: (input: { runtimeId: string; clientToken: string; sizeGiB: number }): Promise<CreateVolumeResult> =>
      withSession(input.runtimeId, (s) => s.createVolume({ clientToken: input.clientToken, sizeGiB: input.sizeGiB })),
    attachVolume: (input: { runtimeId: string; volumeId: string; instanceId: string; mountPoint: string }): Promise<Volume> =>
      withSession(input.runtimeId, async (s) => (await s.attachVolume(input)).volume),
    detachVolume: (input: { runtimeId: string; volumeId: string }): Promise<Volume> =>
      withSession(input.runtimeId, async (s) => (await s.detachVolume(input.volumeId)).volume),
    deleteVolume: (input: { runtimeId: string; volumeId: string }): Promise<DeleteVolumeResult> =>
      withSession(input.runtimeId, (s) => s.deleteVolume(input.volumeId)),
    resizeVolume: (input: { runtimeId: string; volumeId: string; sizeGiB: number }): Promise<Volume> =>
      withSession(input.runtimeId, async (s) => (await s.resizeVolume(input.volumeId, input.sizeGiB)).volume),
  };
}
