import { Inject, Injectable } from '@nestjs/common';
import { formatProblems, isPitrixError } from '@pitrix/errors';
import type { CredentialContent, ProviderRegistry, AnyRuntimeProvider } from '@pitrix/provider-contract';
import { CredentialStore, type RuntimeEntity } from '@pitrix/runtime-store';
import type { Caller } from '../access/index.js';
import { PROVIDER_REGISTRY } from '../clients/tokens.js';
import type { RuntimeCheck } from './models/runtime.model.js';
import { RuntimeService } from './runtime.service.js';

/**
 * Checks a stored runtime live, with its own credential and options: the provider accepts the
 * credential, and still offers the runtime's zone. A failed check is an answer, not an error;
 * only a runtime the caller may not see is refused (`RUNTIME.NOT_FOUND`, as when reading it).
 */
@Injectable()
export class RuntimeCheckService {
  constructor(
    private readonly runtimes: RuntimeService,
    private readonly credentials: CredentialStore,
    @Inject(PROVIDER_REGISTRY) private readonly providers: ProviderRegistry,
  ) {}

  async check(caller: Caller, id: string): Promise<RuntimeCheck> {
    const runtime = await this.runtimes.get(caller, id);
    let credential: CredentialContent | undefined;
    try {
      credential = runtime.credentialId ? await this.credentials.open(runtime.credentialId) : undefined;
      return await this.checkWith(this.providers.get(runtime.provider), runtime, credential);
    } catch (err) {
      // The provider's own refusals (options, zone, an unknown provider) are the answer.
      if (!isPitrixError(err)) throw err;
      const problems = err.problems?.length ? `: ${formatProblems(err.problems).split('\n').join('; ')}` : '';
      return failed(err.code, redact(`${err.message}${problems}`, credential));
    }
  }

  private async checkWith(provider: AnyRuntimeProvider, runtime: RuntimeEntity, credential: CredentialContent | undefined): Promise<RuntimeCheck> {
    if (!credential && provider.requiresCredential) {
      return failed('RUNTIME.CREDENTIAL_REQUIRED', `Runtime ${runtime.id} has no credential, and provider ${provider.name} needs one`);
    }
    // A Kubernetes runtime's zone is its namespace: the check is the rights there (it may not exist yet).
    const accepted = await provider.validateCredential(credential, provider.kind === 'kubernetes' ? { ...runtime.options, namespace: runtime.zone } : runtime.options);
    if (!accepted.valid) {
      const why = `${accepted.reason ?? 'refused'}${accepted.message ? `: ${accepted.message}` : ''}`;
      return failed('RUNTIME.CREDENTIAL_INVALID', redact(`Provider ${provider.name} refused the credential of runtime ${runtime.id} (${why})`, credential));
    }
    if (provider.kind === 'kubernetes') {
      const as = accepted.identity ? ` as ${accepted.identity}` : '';
      return { ok: true, code: null, identity: accepted.identity ?? null, message: `Provider ${provider.name} accepts the credential${as}, which may deploy releases to namespace ${runtime.zone}` };
    }
    const zones = await provider.listZones(credential, runtime.options);
    const zone = zones.find((candidate) => candidate.id === runtime.zone);
    if (!zone) {
      const offered = zones.map((candidate) => candidate.id).join(', ') || 'none';
      return failed('RUNTIME.ZONE_NOT_FOUND', `Zone ${runtime.zone} is not among the zones provider ${provider.name} offers for this runtime (${offered})`);
    }
    if (!zone.available) return failed('RUNTIME.ZONE_NOT_FOUND', `Zone ${runtime.zone} of provider ${provider.name} exists but is not available now`);
    const as = accepted.identity ? ` as ${accepted.identity}` : '';
    return {
      ok: true,
      code: null,
      identity: accepted.identity ?? null,
      message: `Provider ${provider.name} accepts the credential${as} and offers zone ${runtime.zone}`,
    };
  }
}

function failed(code: string, message: string): RuntimeCheck {
  return { ok: false, code, message, identity: null };
}

/** Blanks every secret value of the credential out of a message a provider wrote. */
function redact(message: string, credential: CredentialContent | undefined): string {
  const secrets = Object.values(credential?.secret ?? {}).filter((value) => value.length > 0);
  return secrets.reduce((text, secret) => text.split(secret).join('***'), message);
}
