export { dronePermissions, NETWORK_ACCOUNT, renderLeafConfig } from './leaf-config.js';
export type { LeafConfigInput } from './leaf-config.js';
export { frontgateVersion, startFrontgate } from './frontgate.js';
export type { RunningFrontgate } from './frontgate.js';
