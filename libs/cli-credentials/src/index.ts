export { configDir, CredentialStore, endpointKey } from './credentials.js';
export type { StoredCredential, TokenChoice } from './credentials.js';
