import { PitrixError } from '@pitrix/errors';
import type { RuntimeProvider } from './contract.js';

/** Providers by name. Built once at start from the providers a process is configured with. */
export class ProviderRegistry {
  private readonly byName = new Map<string, RuntimeProvider>();

  constructor(providers: readonly RuntimeProvider[]) {
    for (const provider of providers) {
      if (this.byName.has(provider.name)) throw new Error(`provider ${provider.name} registered twice`);
      this.byName.set(provider.name, provider);
    }
  }

  /** The provider called `name`; an unknown name is `RUNTIME.PROVIDER_UNKNOWN` naming it. */
  get(name: string): RuntimeProvider {
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

  /** Names of every registered provider, sorted. */
  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}
