export { KubernetesProvider } from './provider.js';
export type { KubernetesProviderConfig } from './provider.js';
export { KUBERNETES_OPTION_FIELDS, parseKubernetesOptions } from './options.js';
export type { KubernetesRuntimeOptions } from './options.js';
