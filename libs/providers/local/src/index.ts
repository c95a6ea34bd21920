export { LocalProvider } from './provider.js';
export { defaultQuota, LOCAL_OPTION_FIELDS, parseLocalOptions } from './options.js';
export type { LocalProviderConfig, LocalRuntimeOptions } from './options.js';
export { limitEnforcement } from './session.js';
export type { LimitEnforcement } from './cgroups.js';
export { isRunning as isInstanceProcessRunning } from './processes.js';
