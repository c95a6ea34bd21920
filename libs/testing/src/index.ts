export { helmBinary, natsServerBinary, s3ServerBinary, temporalBinary } from './binaries.js';
export { createTestDatabase, testPostgresBaseUrl } from './database.js';
export type { TestDatabase } from './database.js';
export { startTestNatsHub } from './nats.js';
export { killLocalInstances } from './local-instances.js';
export { startTestS3Server } from './s3.js';
export type { TestS3Server, TestS3ServerOptions } from './s3.js';
export { standInAgentEntry } from './stand-in-agent.js';
export type { TestNatsHub, TestNatsHubOptions } from './nats.js';
export { ensureTestTemporal, startTestTemporalServer, TEST_NAMESPACE } from './temporal.js';
export type { TestTemporal, TestTemporalServerOptions } from './temporal.js';
export { connectTestTemporal, testTemporalTarget, uniqueTaskQueue } from './temporal-env.js';
export { builtAgentEntries, builtDroneSimulatorEntry, startTestDrone, startTestFrontgate, waitFor } from './agents.js';
export type { TestAgent, TestDrone, TestFrontgate } from './agents.js';
export { startTcpProxy } from './tcp-proxy.js';
export type { TcpProxy } from './tcp-proxy.js';
export {
  networkNamespaceAccess,
  runInUserNamespace,
  runTestFileInUserNamespace,
  testServicesInUserNamespace,
  USER_NAMESPACE_MARKER,
} from './user-namespace.js';
export type {
  ForwardedPort,
  NamespacedTestFileOptions,
  NamespacedTestReport,
  NetworkNamespaceAccess,
  UserNamespaceRun,
  UserNamespaceRunOptions,
} from './user-namespace.js';
