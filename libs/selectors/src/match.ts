import type { Labels, Selector } from './labels.js';

/** Why a selector did or did not match: the first key whose values the labels do not satisfy. */
export interface MatchResult {
  readonly matches: boolean;
  readonly unmet?: { readonly key: string; readonly wanted: readonly string[]; readonly found: string | undefined };
}

/**
 * True when the labels satisfy the selector: for every key of the selector, the label's value is
 * one of the selector's values (same key OR, different keys AND). An empty selector matches all.
 */
export function matchSelector(selector: Selector, labels: Labels): MatchResult {
  for (const key of Object.keys(selector).sort()) {
    const wanted = selector[key] ?? [];
    const found = labels[key];
    if (found === undefined || !wanted.includes(found)) return { matches: false, unmet: { key, wanted, found } };
  }
  return { matches: true };
}
