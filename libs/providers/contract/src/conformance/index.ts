export type { ConformanceHarness } from './harness.js';
export type { KubernetesConformanceHarness } from './kubernetes-harness.js';
export { describeKubernetesProviderConformance } from './kubernetes-suite.js';
export { describeProviderConformance } from './suite.js';
