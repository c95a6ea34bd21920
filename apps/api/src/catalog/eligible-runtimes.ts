import type { PackageKind } from '@pitrix/package';
import type { RuntimeKind } from '@pitrix/provider-contract';
import { matchSelector, type Selector } from '@pitrix/selectors';
import { RuntimeEntity } from '@pitrix/runtime-store';
import type { DataSource } from 'typeorm';
import { visibleOwnerWhere, type Caller } from '../access/index.js';

/** What a repo allows its apps to be deployed to. */
export interface RepoPlacementRule {
  readonly providers: readonly string[];
  readonly selectors: Selector;
  /**
   * The version's kind, when the providers were narrowed to it: a Helm chart goes only to
   * kubernetes providers, a Pitrix package only to machine providers.
   */
  readonly kind?: PackageKind;
  /** The repo's whole providers list, before narrowing by kind. */
  readonly repoProviders?: readonly string[];
}

/** A runtime a version may be deployed to. */
export interface EligibleRuntimeRow {
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  readonly zone: string;
}

/** The runtime kind each package kind deploys onto. */
export const RUNTIME_KIND_OF: Readonly<Record<PackageKind, RuntimeKind>> = { helm: 'kubernetes', pitrix: 'machines' };

/** How the rule explains the kind: `Helm charts go to kubernetes runtimes`. */
const KIND_REASON: Readonly<Record<PackageKind, string>> = {
  helm: 'Helm charts go to kubernetes runtimes',
  pitrix: 'Pitrix packages go to machine runtimes',
};

/** Anything that says which kind a provider is (the API's ProviderRegistry). */
export interface ProviderKinds {
  get(name: string): { readonly kind: RuntimeKind };
}

/**
 * A repo's rule for one version: its providers narrowed to those of the version's kind (a
 * provider the registry does not know is left out: no runtime of it can exist here).
 */
export function ruleForKind(repo: { readonly providers: readonly string[]; readonly selectors: Selector }, kind: PackageKind, registry: ProviderKinds): RepoPlacementRule {
  const wanted = RUNTIME_KIND_OF[kind];
  const providers = repo.providers.filter((name) => providerKind(registry, name) === wanted);
  return { providers, selectors: repo.selectors, kind, repoProviders: [...repo.providers] };
}

function providerKind(registry: ProviderKinds, name: string): RuntimeKind | undefined {
  try {
    return registry.get(name).kind;
  } catch {
    return undefined;
  }
}

/**
 * The caller's runtimes a repo's apps may go to: the provider is one of the repo's providers and
 * the labels satisfy its selectors (values of one key OR, different keys AND). Sorted by name.
 */
export async function findEligibleRuntimes(dataSource: DataSource, caller: Caller, rule: RepoPlacementRule): Promise<EligibleRuntimeRow[]> {
  if (rule.providers.length === 0) return [];
  const runtimes = await dataSource.getRepository(RuntimeEntity).createQueryBuilder('r')
    .where(...visibleOwnerWhere(caller, 'r.ownerPath'))
    .andWhere('r.provider IN (:...providers)', { providers: rule.providers })
    .orderBy('r.name').addOrderBy('r.id').getMany();
  return runtimes.filter((runtime) => matchSelector(rule.selectors, runtime.labels).matches).map(({ id, name, provider, zone }) => ({ id, name, provider, zone }));
}

/**
 * The rule in words, for placement reasons and refusals: `provider in [local], labels env=prod|test`
 * (a Pitrix package whose repo lists only machine providers), `provider in [kubernetes] (Helm
 * charts go to kubernetes runtimes), any labels`, `provider in [local] (Pitrix packages go to
 * machine runtimes), any labels` when the repo also lists kubernetes providers, or, when the
 * repo lists no provider of the version's kind, `no provider (Helm charts go to kubernetes
 * runtimes; the repo's providers [local] are not of kind kubernetes), any labels`.
 */
export function describeRule(rule: RepoPlacementRule): string {
  const terms = Object.entries(rule.selectors).map(([key, values]) => `${key}=${values.join('|')}`);
  const labels = terms.length > 0 ? `labels ${terms.join(', ')}` : 'any labels';
  if (!rule.kind) return `provider in [${rule.providers.join(', ')}], ${labels}`;
  const reason = KIND_REASON[rule.kind];
  if (rule.providers.length === 0) {
    const listed = rule.repoProviders ?? [];
    const why = listed.length === 0 ? 'the repo lists no provider' : `the repo's providers [${listed.join(', ')}] are not of kind ${RUNTIME_KIND_OF[rule.kind]}`;
    return `no provider (${reason}; ${why}), ${labels}`;
  }
  // A Pitrix package in a repo of machine providers only reads as it always did.
  const narrowed = (rule.repoProviders ?? rule.providers).length !== rule.providers.length;
  if (rule.kind === 'pitrix' && !narrowed) return `provider in [${rule.providers.join(', ')}], ${labels}`;
  return `provider in [${rule.providers.join(', ')}] (${reason}), ${labels}`;
}
