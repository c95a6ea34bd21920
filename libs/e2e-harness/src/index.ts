export { harnessEnv, startApiHarness } from './api-harness.js';
export type { ApiEntry, ApiHarness, ApiHarnessOptions, GraphQLBody } from './api-harness.js';
