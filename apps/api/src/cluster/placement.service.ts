import { Inject, Injectable } from '@nestjs/common';
import { ClusterReadModel } from '@pitrix/cluster-store';
import { PitrixError } from '@pitrix/errors';
import type { ProviderRegistry, RuntimeKind } from '@pitrix/provider-contract';
import { PROVIDER_REGISTRY } from '../clients/tokens.js';
import type { Caller } from '../access/index.js';
import { RuntimeService } from '../runtime/runtime.service.js';
import type { RuntimeEligibility } from './package-source.js';

/** Where a new cluster goes, and why (shown to the caller). */
export interface ChosenRuntime {
  readonly runtimeId: string;
  /** Its zone: a chart is rendered for it (a Kubernetes runtime's zone is its namespace). */
  readonly zone: string;
  readonly reason: string;
}

/** What goes where: Helm charts only to Kubernetes runtimes, Pitrix packages only to machine runtimes. */
const KIND_RULE: Readonly<Record<RuntimeKind, string>> = {
  kubernetes: 'Helm charts go to kubernetes runtimes',
  machines: 'Pitrix packages go to runtimes of machine providers',
};

const MAX_CANDIDATES = 200;

/**
 * Picks the runtime of a new cluster. A runtime the caller names must be one it can see (and one
 * the package's repo allows); otherwise the caller's eligible runtime with the fewest clusters wins,
 * ties broken by age, so new clusters spread over equal runtimes.
 */
@Injectable()
export class PlacementService {
  constructor(
    private readonly runtimes: RuntimeService,
    private readonly reads: ClusterReadModel,
    @Inject(PROVIDER_REGISTRY) private readonly providers: ProviderRegistry,
  ) {}

  /**
   * Chooses the runtime. A named runtime the package may not go to is `RUNTIME.NOT_ELIGIBLE`
   * (naming the repo's rule); with none named and none eligible, `RUNTIME.NO_ELIGIBLE_RUNTIME`.
   */
  async choose(caller: Caller, requested: string | undefined, eligibility: RuntimeEligibility | undefined, kind: RuntimeKind): Promise<ChosenRuntime> {
    const ofKind = (provider: string) => this.providers.names().includes(provider) && this.providers.get(provider).kind === kind;
    if (requested) {
      const runtime = await this.runtimes.get(caller, requested);
      if (!ofKind(runtime.provider)) {
        throw new PitrixError('RUNTIME.KIND_MISMATCH', `Runtime ${requested} (provider ${runtime.provider}) cannot run this package: ${KIND_RULE[kind]}`, [
          { path: 'runtimeId', message: KIND_RULE[kind], expected: `a runtime of kind ${kind}`, found: `${requested} (${runtime.provider})` },
        ]);
      }
      if (eligibility && !eligibility.runtimeIds.includes(requested)) {
        throw new PitrixError('RUNTIME.NOT_ELIGIBLE', `Runtime ${requested} is not eligible for this app version: its repo allows ${eligibility.rule}`, [
          { path: 'runtimeId', message: `the repo allows ${eligibility.rule}`, expected: eligibility.runtimeIds.join(', ') || '(none of yours)', found: requested },
        ]);
      }
      return { runtimeId: requested, zone: runtime.zone, reason: eligibility ? `given by the caller; eligible (${eligibility.rule})` : 'given by the caller' };
    }
    const visible = (await this.runtimes.list(caller, {}, { first: MAX_CANDIDATES })).edges.map((edge) => edge.node);
    const candidates = (eligibility ? visible.filter((runtime) => eligibility.runtimeIds.includes(runtime.id)) : visible).filter((runtime) => ofKind(runtime.provider));
    if (candidates.length === 0) {
      const why = eligibility
        ? `none of the ${visible.length} runtime(s) ${caller.login} can use is eligible (the repo allows ${eligibility.rule}; ${KIND_RULE[kind]})`
        : `${caller.login} has no runtime of kind ${kind} (${KIND_RULE[kind]})`;
      throw new PitrixError('RUNTIME.NO_ELIGIBLE_RUNTIME', `No runtime to deploy to: ${why}; create one or pass runtimeId`);
    }
    const loads = await Promise.all(candidates.map(async (runtime) => ({ runtime, clusters: await this.reads.clustersOnRuntime(runtime.id) })));
    const best = loads.reduce((a, b) => (b.clusters < a.clusters ? b : a));
    const scope = eligibility ? `eligible runtime${candidates.length === 1 ? '' : 's'}` : `runtime${candidates.length === 1 ? '' : 's'}`;
    const rule = eligibility ? ` (${eligibility.rule})` : '';
    const reason =
      candidates.length === 1
        ? `the only ${scope.replace(/s$/, '')} of ${caller.login}${rule}: ${best.runtime.name}`
        : `fewest clusters (${best.clusters}) among ${candidates.length} ${scope} of ${caller.login}${rule}: ${best.runtime.name}`;
    return { runtimeId: best.runtime.id, zone: best.runtime.zone, reason };
  }
}
