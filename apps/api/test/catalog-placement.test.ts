import { describe, expect, it } from 'vitest';
import { describeRule, ruleForKind, type ProviderKinds } from '../src/catalog/eligible-runtimes.js';

/** The provider kinds of a registry with a kubernetes provider (the API's ProviderRegistry answers the same way). */
const registry: ProviderKinds = {
  get(name: string) {
    const kinds: Record<string, 'machines' | 'kubernetes'> = { local: 'machines', aws: 'machines', kubernetes: 'kubernetes' };
    const kind = kinds[name];
    if (!kind) throw new Error(`unknown provider ${name}`);
    return { kind };
  },
};

describe('placement by kind', () => {
  it.each([
    ['a chart in a mixed repo', ['local', 'kubernetes'], 'helm', ['kubernetes'], 'provider in [kubernetes] (Helm charts go to kubernetes runtimes), any labels'],
    ['a package in a mixed repo', ['local', 'aws', 'kubernetes'], 'pitrix', ['local', 'aws'], 'provider in [local, aws] (Pitrix packages go to machine runtimes), any labels'],
    ['a chart in a machines-only repo', ['local'], 'helm', [], "no provider (Helm charts go to kubernetes runtimes; the repo's providers [local] are not of kind kubernetes), any labels"],
    ['a package in a kubernetes-only repo', ['kubernetes'], 'pitrix', [], "no provider (Pitrix packages go to machine runtimes; the repo's providers [kubernetes] are not of kind machines), any labels"],
    ['a repo without providers', [], 'helm', [], 'no provider (Helm charts go to kubernetes runtimes; the repo lists no provider), any labels'],
    ['a package in a machines-only repo reads as before', ['local', 'aws'], 'pitrix', ['local', 'aws'], 'provider in [local, aws], any labels'],
    ['an unknown provider is left out', ['gcp', 'kubernetes'], 'helm', ['kubernetes'], 'provider in [kubernetes] (Helm charts go to kubernetes runtimes), any labels'],
  ] as const)('%s', (_name, providers, kind, allowed, text) => {
    const rule = ruleForKind({ providers: [...providers], selectors: {} }, kind, registry);
    expect(rule.providers).toEqual(allowed);
    expect(describeRule(rule)).toBe(text);
  });

  it('keeps the selectors in the words', () => {
    const rule = ruleForKind({ providers: ['kubernetes'], selectors: { env: ['prod', 'test'] } }, 'helm', registry);
    expect(describeRule(rule)).toBe('provider in [kubernetes] (Helm charts go to kubernetes runtimes), labels env=prod|test');
  });

  it('a rule without a kind reads as before', () => {
    expect(describeRule({ providers: ['local'], selectors: {} })).toBe('provider in [local], any labels');
  });
});
