import { PitrixError } from '@pitrix/errors';
import { ProviderRegistry, type AnyRuntimeProvider } from '@pitrix/provider-contract';
import { AwsProvider } from '@pitrix/provider-aws';
import { KubernetesProvider } from '@pitrix/provider-kubernetes';
import { LocalProvider } from '@pitrix/provider-local';

/** The provider settings of a process (see `providerSettings` in `@pitrix/config`). */
export interface ProviderSettings {
  readonly enabled: readonly string[];
  readonly localRoot: string;
  readonly localDroneEntry: string;
  readonly localFrontgateEntry: string;
  readonly localDroneSimulatorEntry?: string;
  readonly localBinPaths: readonly string[];
  /** The helm binary the kubernetes provider runs releases with. */
  readonly helmBinary?: string;
}

const factories: Record<string, (settings: ProviderSettings) => AnyRuntimeProvider> = {
  aws: () => new AwsProvider(),
  kubernetes: (settings) => {
    // Only a process that enables the provider needs helm; the others start without it.
    if (!settings.helmBinary) throw new PitrixError('CONFIG.INVALID', 'PITRIX_HELM_BINARY: the kubernetes provider is enabled but no helm binary is configured');
    return new KubernetesProvider({ helmBinary: settings.helmBinary });
  },
  local: (settings) =>
    new LocalProvider({
      root: settings.localRoot,
      agentEntries: { drone: settings.localDroneEntry, frontgate: settings.localFrontgateEntry },
      binPaths: settings.localBinPaths,
      nodeExecutable: process.execPath,
      droneSimulatorEntry: settings.localDroneSimulatorEntry,
    }),
};

/** Every provider name this build knows. */
export const KNOWN_PROVIDERS = Object.keys(factories).sort();

/**
 * Builds the registry of the enabled providers; an unknown name stops start-up with
 * `CONFIG.INVALID` naming `PITRIX_PROVIDERS` and the names that exist.
 */
export function createProviderRegistry(settings: ProviderSettings): ProviderRegistry {
  const unknown = settings.enabled.filter((name) => !(name in factories));
  if (unknown.length > 0) {
    throw new PitrixError('CONFIG.INVALID', `PITRIX_PROVIDERS: unknown provider(s) ${unknown.join(', ')}; known: ${KNOWN_PROVIDERS.join(', ')}`);
  }
  return new ProviderRegistry(settings.enabled.map((name) => (factories[name] as (s: ProviderSettings) => AnyRuntimeProvider)(settings)));
}
