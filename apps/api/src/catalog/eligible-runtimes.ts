import { matchSelector, type Selector } from '@pitrix/selectors';
import { RuntimeEntity } from '@pitrix/runtime-store';
import type { DataSource } from 'typeorm';
import { visibleOwnerWhere, type Caller } from '../access/index.js';

/** What a repo allows its apps to be deployed to. */
export interface RepoPlacementRule {
  readonly providers: readonly string[];
  readonly selectors: Selector;
}

/** A runtime a version may be deployed to. */
export interface EligibleRuntimeRow {
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  readonly zone: string;
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

/** The rule in words, for placement reasons and refusals: `provider in [local], labels env=prod|test`. */
export function describeRule(rule: RepoPlacementRule): string {
  const terms = Object.entries(rule.selectors).map(([key, values]) => `${key}=${values.join('|')}`);
  const labels = terms.length > 0 ? `labels ${terms.join(', ')}` : 'any labels';
  return `provider in [${rule.providers.join(', ')}], ${labels}`;
}
