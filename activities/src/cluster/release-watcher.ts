import { releaseNameOf } from '@pitrix/cluster-model';
import type { ClusterEventStore, ClusterReadModel } from '@pitrix/cluster-store';
import type { ProviderRegistry, ReleasePod } from '@pitrix/provider-contract';
import type { RuntimeStore } from '@pitrix/runtime-store';
import { releaseNodeEvents } from './release-nodes.js';

/** What the pod watch needs. */
export interface ReleaseWatcherDeps {
  readonly reads: ClusterReadModel;
  readonly events: ClusterEventStore;
  readonly runtimes: RuntimeStore;
  readonly providers: ProviderRegistry;
  /** How often the set of watched clusters is brought up to date (new clusters, deleted ones). */
  readonly refreshMs?: number;
  readonly onError: (message: string) => void;
}

/** A running pod watch; `stop()` ends every watch it holds. */
export interface ReleaseWatcher {
  /** Brings the set of watched clusters up to date now (the timer does it every `refreshMs`). */
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

interface Watch {
  readonly stop: () => void;
  readonly close: () => Promise<void>;
}

/**
 * Keeps chart clusters' nodes true between jobs: for every live cluster on a Kubernetes runtime,
 * a watch on its release's pods turns each change (a pod that became not ready, a workload
 * scaled outside Pitrix, a pod replaced) into node and health events. Several workers may run
 * one each: the events' keys come from what was observed, so the same change is recorded once.
 */
export async function startReleaseWatcher(deps: ReleaseWatcherDeps): Promise<ReleaseWatcher> {
  const watches = new Map<string, Watch>();
  let stopped = false;
  let refreshing: Promise<void> = Promise.resolve();

  const record = (clusterId: string) => async (pods: readonly ReleasePod[]) => {
    try {
      const nodes = await deps.reads.nodes(clusterId);
      await deps.events.append(releaseNodeEvents(clusterId, pods, nodes, new Date().toISOString()));
    } catch (err) {
      deps.onError(`cluster ${clusterId}: recording its pods failed: ${(err as Error).message}`);
    }
  };

  const open = async (clusterId: string, runtimeId: string): Promise<Watch | undefined> => {
    const { runtime, context } = await deps.runtimes.resolve(runtimeId);
    const provider = deps.providers.get(runtime.provider);
    if (provider.kind !== 'kubernetes') return undefined;
    const session = await provider.connect(context);
    const stop = await session.watchPods(releaseNameOf(clusterId), (pods) => void record(clusterId)(pods), (err) => deps.onError(`cluster ${clusterId}: pod watch: ${err.message}`));
    return { stop, close: () => session.close() };
  };

  const refreshOnce = async () => {
    const live = await deps.reads.liveClusters();
    const wanted = new Map(live.map((cluster) => [cluster.id, cluster.runtimeId]));
    for (const [clusterId, watch] of watches) {
      if (wanted.has(clusterId)) continue;
      watches.delete(clusterId);
      watch.stop();
      await watch.close().catch(() => undefined);
    }
    for (const [clusterId, runtimeId] of wanted) {
      if (watches.has(clusterId) || stopped) continue;
      try {
        const watch = await open(clusterId, runtimeId);
        // Clusters of machine runtimes are remembered too, with nothing to stop, so they are looked at once.
        watches.set(clusterId, watch ?? { stop: () => undefined, close: async () => undefined });
      } catch (err) {
        deps.onError(`cluster ${clusterId}: cannot watch its pods: ${(err as Error).message}`);
      }
    }
  };

  const refresh = () => {
    refreshing = refreshing.then(refreshOnce, refreshOnce).catch((err: unknown) => deps.onError(`refreshing the pod watches failed: ${(err as Error).message}`));
    return refreshing;
  };

  await refresh();
  const timer = setInterval(() => void refresh(), deps.refreshMs ?? 5_000);
  timer.unref();
  return {
    refresh,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await refreshing;
      for (const watch of watches.values()) {
        watch.stop();
        await watch.close().catch(() => undefined);
      }
      watches.clear();
    },
  };
}
