export { harnessEnv, startApiHarness } from './api-harness.js';
export type { ApiEntry, ApiHarness, GraphQLBody } from './api-harness.js';
