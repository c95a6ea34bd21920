// Entry point without vitest: launchers (npm test) start the shared test servers through it.
export { natsServerBinary, temporalBinary } from './binaries.js';
export { standInAgentEntry } from './stand-in-agent.js';
export { ensureTestTemporal, startTestTemporalServer, TEST_NAMESPACE } from './temporal.js';
export type { TestTemporal, TestTemporalServerOptions } from './temporal.js';
