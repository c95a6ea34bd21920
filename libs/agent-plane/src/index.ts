export { connectPlatformNats } from './connect-platform.js';
export type { PlatformNatsSettings } from './connect-platform.js';
export { ensureHubTrust, hubTrustFiles, TRUST_FILES } from './trust/hub-trust.js';
export type { HubTrustFiles } from './trust/hub-trust.js';
export { readIssuerKeys } from './trust/trust-folder.js';
export type { IssuerKeys } from './trust/trust-folder.js';
