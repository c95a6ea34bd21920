export { checkPair, parsePairs, toLabels, toPairs, toSelector } from './labels.js';
export type { LabelPair, Labels, Selector } from './labels.js';
export { matchSelector } from './match.js';
export type { MatchResult } from './match.js';
