export { cachedBinaryPath, ensureGoBinary, natsServer, temporalCli } from './go-binary.js';
export type { GoBinary } from './go-binary.js';
export { startProcess } from './managed-process.js';
export type { ManagedProcess, StartProcessOptions } from './managed-process.js';
export { renderHubConfig, startNatsHub } from './nats-hub.js';
export type { NatsHubOptions } from './nats-hub.js';
export { freePort, isPortOpen, waitForPort } from './ports.js';
export { startTemporalDevServer } from './temporal-server.js';
export type { SearchAttributeSpec, TemporalDevServerOptions } from './temporal-server.js';
