// Entry point without vitest: launchers (npm test) and benchmarks start real servers through it.
export { helmBinary, natsServerBinary, s3ServerBinary, temporalBinary } from './binaries.js';
export { startTestS3Server } from './s3.js';
export type { TestS3Server, TestS3ServerOptions } from './s3.js';
export { standInAgentEntry } from './stand-in-agent.js';
export { ensureTestTemporal, startTestTemporalServer, TEST_NAMESPACE } from './temporal.js';
export type { TestTemporal, TestTemporalServerOptions } from './temporal.js';
export { startTestNatsHub } from './nats.js';
export type { TestNatsHub, TestNatsHubOptions } from './nats.js';
export { startTestDrone, startTestFrontgate, waitFor } from './agents.js';
export type { TestAgent, TestDrone, TestFrontgate } from './agents.js';
export { startTcpProxy } from './tcp-proxy.js';
export type { TcpProxy } from './tcp-proxy.js';
export { createTestDatabase } from './database.js';
export type { TestDatabase } from './database.js';
export { builtAgentEntries, builtDroneSimulatorEntry } from './agents.js';
export { killLocalInstances } from './local-instances.js';
