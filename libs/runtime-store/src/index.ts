export { CredentialStore } from './credential-store.js';
export type { NewCredential, Ownership } from './credential-store.js';
export { CredentialEntity, RuntimeEntity } from './entities.js';
export { HealingStore, RESURRECTOR } from './healing-store.js';
export type { HealingEvent, HealingObservation, HealingState, MeltdownLimits, RuntimeHealing } from './healing-store.js';
export { RuntimeStore } from './runtime-store.js';
export type { NewRuntime, ResolvedRuntime } from './runtime-store.js';
export { runtimeSchema } from './schema.js';
