export type { ConformanceHarness } from './harness.js';
export { describeProviderConformance } from './suite.js';
