export { natsServerBinary, temporalBinary } from './binaries.js';
export { createTestDatabase, testPostgresBaseUrl } from './database.js';
export type { TestDatabase } from './database.js';
export { startTestNatsHub } from './nats.js';
export { standInAgentEntry } from './stand-in-agent.js';
export type { TestNatsHub } from './nats.js';
export { ensureTestTemporal, startTestTemporalServer, TEST_NAMESPACE } from './temporal.js';
export type { TestTemporal, TestTemporalServerOptions } from './temporal.js';
export { connectTestTemporal, testTemporalTarget, uniqueTaskQueue } from './temporal-env.js';
