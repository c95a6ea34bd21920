import type { AgentPlane } from '@pitrix/agent-plane';
import type { ClusterReadModel } from '@pitrix/cluster-store';
import { hasErrorCode } from '@pitrix/errors';
import type { ProviderRegistry } from '@pitrix/provider-contract';
import type { RuntimeStore } from '@pitrix/runtime-store';
import { whileHeartbeating } from '../providers/heartbeat.js';
import { frontgateClientToken, frontgateOfClientToken, INSTANCE_TAGS } from './instance-tags.js';

/** What retiring a runtime needs: its provider, the clusters it placed, and the agent plane. */
export interface RuntimeRetirementDeps {
  readonly runtimes: RuntimeStore;
  readonly providers: ProviderRegistry;
  readonly reads: ClusterReadModel;
  readonly agentPlane: AgentPlane;
}

/** A frontgate of a runtime and the instances (not terminated) it runs on. */
export interface RuntimeFrontgate {
  readonly frontgateId: string;
  readonly instanceIds: readonly string[];
}

/** Activities that retire what a runtime being deleted still runs: its frontgates. */
export function createRuntimeRetirementActivities(deps: RuntimeRetirementDeps) {
  return {
    /**
     * The runtime's frontgates: those its clusters were placed behind, and any instance tagged
     * as a frontgate of the runtime (one started by a job that failed before placing its cluster).
     */
    async runtimeFrontgates(input: { runtimeId: string }): Promise<RuntimeFrontgate[]> {
      const placed = await deps.reads.frontgatesOfRuntime(input.runtimeId);
      const { runtime, context } = await deps.runtimes.resolve(input.runtimeId);
      const session = await deps.providers.machines(runtime.provider).connect(context);
      try {
        return await whileHeartbeating(async () => {
          const tagged = (await session.describeInstances({ tags: { [INSTANCE_TAGS.runtime]: input.runtimeId } })).instances.filter((i) => i.tags[INSTANCE_TAGS.frontgate]);
          const byToken = placed.length > 0 ? (await session.describeInstances({ clientTokens: placed.map(frontgateClientToken) })).instances : [];
          const instances = new Map<string, Set<string>>(placed.map((id) => [id, new Set<string>()]));
          for (const instance of tagged) addTo(instances, instance.tags[INSTANCE_TAGS.frontgate] as string, instance.id);
          for (const instance of byToken) addTo(instances, frontgateOfClientToken(instance.clientToken), instance.id);
          return [...instances].sort(([a], [b]) => a.localeCompare(b)).map(([frontgateId, ids]) => ({ frontgateId, instanceIds: [...ids].sort() }));
        });
      } finally {
        await session.close();
      }
    },

    /** Releases what the provider keeps for the runtime's placements (its frontgate addresses), once its frontgates are gone. */
    async releaseRuntimePlacements(input: { runtimeId: string }): Promise<void> {
      const { runtime, context } = await deps.runtimes.resolve(input.runtimeId);
      const session = await deps.providers.machines(runtime.provider).connect(context);
      try {
        await whileHeartbeating(() => session.releasePlacements());
      } finally {
        await session.close();
      }
    },

    /** Revokes a retired frontgate's credentials; false when this platform never issued it. */
    async revokeRetiredFrontgate(input: { frontgateId: string }): Promise<boolean> {
      try {
        await deps.agentPlane.credentials.revokeFrontgate(input.frontgateId);
        return true;
      } catch (err) {
        if (hasErrorCode(err, 'AGENT.FRONTGATE_NOT_FOUND')) return false;
        throw err;
      }
    },
  };
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}
