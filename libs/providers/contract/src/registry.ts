import { PitrixError } from '@pitrix/errors';
import type { RuntimeProvider } from './contract.js';
import type { KubernetesRuntimeProvider } from './releases.js';

/** Any provider: one that provisions machines, or one whose runtimes are Kubernetes clusters. */
export type AnyRuntimeProvider = RuntimeProvider | KubernetesRuntimeProvider;

/** What a runtime runs clusters on, as its provider says (`kind` on the provider type). */
export type RuntimeKind = AnyRuntimeProvider['kind'];

/** Providers by name. Built once at start from the providers a process is configured with. */
export class ProviderRegistry {
  private readonly byName = new Map<string, AnyRuntimeProvider>();

  constructor(providers: readonly AnyRuntimeProvider[]) {
    for (const provider of providers) {
      if (this.byName.has(provider.name)) throw new Error(`provider ${provider.name} registered twice`);
      this.byName.set(provider.name, provider);
    }
  }

  /** The provider called `name`; an unknown name is `RUNTIME.PROVIDER_UNKNOWN` naming it. */
  get(name: string): AnyRuntimeProvider {
    const provider = this.byName.get(name);
    if (!provider) {
      throw new PitrixError(
        'RUNTIME.PROVIDER_UNKNOWN',
        `Unknown runtime provider ${JSON.stringify(name)}; known providers: ${this.names().join(', ') || 'none'}`,
        [{ path: 'provider', message: 'unknown provider', expected: `one of ${this.names().join(', ')}`, found: name }],
      );
    }
    return provider;
  }

  /** The machine provider called `name`; a Kubernetes provider is `RUNTIME.KIND_MISMATCH`. */
  machines(name: string): RuntimeProvider {
    const provider = this.get(name);
    if (provider.kind !== 'machines') throw kindMismatch(name, provider.kind, 'machines');
    return provider;
  }

  /** The Kubernetes provider called `name`; a machine provider is `RUNTIME.KIND_MISMATCH`. */
  kubernetes(name: string): KubernetesRuntimeProvider {
    const provider = this.get(name);
    if (provider.kind !== 'kubernetes') throw kindMismatch(name, provider.kind, 'kubernetes');
    return provider;
  }

  /** Names of every registered provider, sorted. */
  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}

function kindMismatch(name: string, kind: RuntimeKind, wanted: RuntimeKind): PitrixError {
  return new PitrixError('RUNTIME.KIND_MISMATCH', `Provider ${name} runs ${kind === 'kubernetes' ? 'Helm releases on Kubernetes' : 'machines'}; this needs a provider of kind ${wanted}`, [
    { path: 'provider', message: `expected a provider of kind ${wanted}`, expected: wanted, found: kind },
  ]);
}
