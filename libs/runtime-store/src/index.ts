export { CredentialStore } from './credential-store.js';
export type { NewCredential, Ownership } from './credential-store.js';
export { CredentialEntity, RuntimeEntity } from './entities.js';
export { RuntimeStore } from './runtime-store.js';
export type { NewRuntime, ResolvedRuntime } from './runtime-store.js';
export { runtimeSchema } from './schema.js';
