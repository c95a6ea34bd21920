export { harnessEnv, startApiHarness } from './api-harness.js';
export type { ApiEntry, ApiHarness, ApiHarnessOptions, GraphQLBody, TestUser } from './api-harness.js';
