import { Injectable } from '@nestjs/common';
import { ClusterReadModel } from '@pitrix/cluster-store';
import { PitrixError } from '@pitrix/errors';
import type { Caller } from '../auth/caller.js';
import { RuntimeService } from '../runtime/runtime.service.js';

/** Where a new cluster goes, and why (shown to the caller). */
export interface ChosenRuntime {
  readonly runtimeId: string;
  readonly reason: string;
}

const MAX_CANDIDATES = 200;

/**
 * Picks the runtime of a new cluster. A runtime the caller names must be one it can see (and one
 * the package may go to); otherwise the caller's eligible runtime with the fewest clusters wins,
 * ties broken by age, so new clusters spread over equal runtimes.
 */
@Injectable()
export class PlacementService {
  constructor(
    private readonly runtimes: RuntimeService,
    private readonly reads: ClusterReadModel,
  ) {}

  async choose(caller: Caller, requested: string | undefined, eligible: readonly string[] | undefined): Promise<ChosenRuntime> {
    if (requested) {
      await this.runtimes.get(caller, requested);
      if (eligible && !eligible.includes(requested)) {
        throw new PitrixError('RUNTIME.NO_ELIGIBLE_RUNTIME', `Runtime ${requested} is not eligible for this package`, [
          { path: 'runtimeId', message: 'the package may not be deployed to this runtime', expected: eligible.join(', '), found: requested },
        ]);
      }
      return { runtimeId: requested, reason: 'given by the caller' };
    }
    const visible = (await this.runtimes.list(caller, {}, { first: MAX_CANDIDATES })).edges.map((edge) => edge.node);
    const candidates = eligible ? visible.filter((runtime) => eligible.includes(runtime.id)) : visible;
    if (candidates.length === 0) {
      const why = eligible ? `none of the ${visible.length} runtime(s) ${caller.userId} can use is eligible for this package` : `${caller.userId} has no runtime`;
      throw new PitrixError('RUNTIME.NO_ELIGIBLE_RUNTIME', `No runtime to deploy to: ${why}; create one or pass runtimeId`);
    }
    const loads = await Promise.all(candidates.map(async (runtime) => ({ runtime, clusters: await this.reads.clustersOnRuntime(runtime.id) })));
    const best = loads.reduce((a, b) => (b.clusters < a.clusters ? b : a));
    const scope = eligible ? `eligible runtime${candidates.length === 1 ? '' : 's'}` : `runtime${candidates.length === 1 ? '' : 's'}`;
    const reason =
      candidates.length === 1
        ? `the only ${scope.replace(/s$/, '')} of ${caller.userId}: ${best.runtime.name}`
        : `fewest clusters (${best.clusters}) among ${candidates.length} ${scope} of ${caller.userId}: ${best.runtime.name}`;
    return { runtimeId: best.runtime.id, reason };
  }
}
