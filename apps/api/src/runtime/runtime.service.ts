import { Inject, Injectable, Optional } from '@nestjs/common';
import { type ApiConfig } from '@pitrix/config';
import { fromTemporalFailure, PitrixError } from '@pitrix/errors';
import type { AnyRuntimeProvider, CredentialContent, ProviderContext, ProviderRegistry, Zone } from '@pitrix/provider-contract';
import { newId } from '@pitrix/ids';
import { CredentialStore, RuntimeEntity, RuntimeStore } from '@pitrix/runtime-store';
import { matchSelector, toLabels, toSelector } from '@pitrix/selectors';
import { RETIRE_RUNTIME_WORKFLOW_TYPE, retireRuntimeWorkflowId, type RetireRuntimeInput } from '@pitrix/workflow-contract';
import { type Client, WorkflowFailedError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { canSee, ownerPathFor, requireCapability, visibleOwnerWhere, type Caller } from '../access/index.js';
import { API_CONFIG, DATA_SOURCE, PROVIDER_REGISTRY, TEMPORAL_CLIENT } from '../clients/tokens.js';
import { decodeCursor, toConnection, type Connection } from '../graphql/pagination.js';
import type { CreateRuntimeInput, PageInput, RuntimeFilter, UpdateRuntimeInput } from './dto/runtime.input.js';
import { RUNTIME_REFERENCES, type RuntimeReferences } from './runtime-stores.provider.js';

/** Runtimes: every create and option change is checked live against the provider. */
@Injectable()
export class RuntimeService {
  constructor(
    private readonly store: RuntimeStore,
    private readonly credentials: CredentialStore,
    @Inject(PROVIDER_REGISTRY) private readonly providers: ProviderRegistry,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Optional() @Inject(RUNTIME_REFERENCES) private readonly references?: RuntimeReferences,
  ) {}

  async list(caller: Caller, filter: RuntimeFilter, page: PageInput): Promise<Connection<RuntimeEntity>> {
    const query = this.dataSource.getRepository(RuntimeEntity).createQueryBuilder('r').where(...visibleOwnerWhere(caller, 'r.ownerPath'));
    if (filter.provider) query.andWhere('r.provider = :provider', { provider: filter.provider });
    if (filter.zone) query.andWhere('r.zone = :zone', { zone: filter.zone });
    if (filter.search) query.andWhere('(r.name ILIKE :search OR r.description ILIKE :search)', { search: `%${escapeLike(filter.search)}%` });
    const selector = filter.selector ? toSelector(filter.selector, 'filter.selector') : undefined;
    const candidates = await query.orderBy('r.createdAt').addOrderBy('r.id').getMany();
    const matching = selector ? candidates.filter((runtime) => matchSelector(selector, runtime.labels).matches) : candidates;
    const after = decodeCursor(page.after);
    const start = after ? matching.findIndex((r) => r.id === after.id) + 1 : 0;
    return toConnection(matching.slice(start, start + page.first + 1), page.first, matching.length, (r) => ({ sort: r.createdAt.toISOString(), id: r.id }));
  }

  async get(caller: Caller, id: string): Promise<RuntimeEntity> {
    const runtime = await this.store.get(id);
    if (!canSee(caller, runtime.ownerPath)) throw new PitrixError('RUNTIME.NOT_FOUND', `Runtime ${id} does not exist`);
    return runtime;
  }

  async create(caller: Caller, input: CreateRuntimeInput): Promise<RuntimeEntity> {
    const provider = this.providers.get(input.provider);
    if (provider.name === 'local') requireCapability(caller, 'localRuntime');
    const labels = toLabels(input.labels);
    const credential = await this.credentialFor(caller, provider, input.credentialId);
    const id = newId('runtime');
    await this.checkLive(provider, { runtimeId: id, credential: credential?.content, zone: input.zone, options: input.options ?? {} });
    if (provider.kind === 'kubernetes') await this.checkReleaseRights(provider, credential?.content, input.zone, input.options ?? {});
    return this.store.create({
      id,
      name: input.name,
      description: input.description,
      provider: provider.name,
      zone: input.zone,
      credentialId: credential?.id ?? null,
      labels,
      options: input.options ?? {},
      owner: caller.userId,
      ownerPath: ownerPathFor(caller, input.groupId),
    });
  }

  async update(caller: Caller, id: string, input: UpdateRuntimeInput): Promise<RuntimeEntity> {
    const runtime = await this.get(caller, id);
    if (runtime.provider === 'local') requireCapability(caller, 'localRuntime');
    if (input.options) {
      const provider = this.providers.get(runtime.provider);
      const content = runtime.credentialId ? await this.credentials.open(runtime.credentialId) : undefined;
      await this.checkLive(provider, { runtimeId: runtime.id, credential: content, zone: runtime.zone, options: input.options });
      runtime.options = input.options;
    }
    if (input.labels) runtime.labels = { ...toLabels(input.labels) };
    if (input.name !== undefined) runtime.name = input.name;
    if (input.description !== undefined) runtime.description = input.description;
    return this.store.save(runtime);
  }

  async delete(caller: Caller, id: string): Promise<string> {
    const runtime = await this.get(caller, id);
    const clusters = (await this.references?.clustersOn(id)) ?? 0;
    if (clusters > 0) throw new PitrixError('RUNTIME.IN_USE', `Runtime ${id} still has ${clusters} cluster(s); delete them first`);
    // Only machine runtimes run frontgates; a Kubernetes runtime leaves nothing running behind it.
    if (this.providers.get(runtime.provider).kind === 'machines') await this.retire(id);
    await this.store.delete(id);
    return id;
  }

  /**
   * Stops what the runtime still runs (its frontgates) and revokes their credentials, through the
   * worker; when that fails the runtime is kept, so deleting it again finishes the job.
   */
  private async retire(runtimeId: string): Promise<void> {
    try {
      await this.temporal.workflow.execute(RETIRE_RUNTIME_WORKFLOW_TYPE, {
        taskQueue: this.config.temporal.taskQueue,
        workflowId: retireRuntimeWorkflowId(runtimeId),
        workflowIdConflictPolicy: 'USE_EXISTING',
        // With no worker to run it, the delete fails after this instead of waiting for ever.
        workflowExecutionTimeout: '3 minutes',
        args: [{ runtimeId } satisfies RetireRuntimeInput],
      });
    } catch (err) {
      if (!(err instanceof WorkflowFailedError)) throw err;
      const cause = fromTemporalFailure(err.cause);
      const why = cause ? `${cause.code}: ${cause.message}` : (err.cause?.message ?? err.message);
      throw new PitrixError('RUNTIME.RETIRE_FAILED', `Runtime ${runtimeId} was kept: stopping its frontgates failed (${why}); delete it again to retry`, [], { cause: err });
    }
  }

  /** Zones a provider offers for a credential (live). */
  async zones(caller: Caller, providerName: string, credentialId: string | undefined, options: Record<string, unknown>): Promise<Zone[]> {
    const provider = this.providers.get(providerName);
    const credential = await this.credentialFor(caller, provider, credentialId);
    return provider.listZones(credential?.content, options);
  }

  private async credentialFor(caller: Caller, provider: AnyRuntimeProvider, credentialId: string | undefined) {
    if (!credentialId) {
      if (provider.requiresCredential) {
        throw new PitrixError('RUNTIME.CREDENTIAL_REQUIRED', `Provider ${provider.name} needs a credential`, [{ path: 'credentialId', message: 'required for this provider' }]);
      }
      return undefined;
    }
    const entity = await this.credentials.get(credentialId);
    if (!canSee(caller, entity.ownerPath)) throw new PitrixError('RUNTIME.CREDENTIAL_NOT_FOUND', `Credential ${credentialId} does not exist`);
    if (entity.provider !== provider.name) {
      throw new PitrixError('INPUT.INVALID', `Credential ${credentialId} is for provider ${entity.provider}, not ${provider.name}`, [
        { path: 'credentialId', message: 'belongs to another provider', expected: provider.name, found: entity.provider },
      ]);
    }
    return { id: entity.id, content: this.credentials.openEntity(entity) };
  }

  /**
   * A Kubernetes runtime's credential must reach its server and may create what a release needs
   * in the runtime's namespace; otherwise the runtime is refused, before any cluster meets it.
   */
  private async checkReleaseRights(provider: AnyRuntimeProvider, credential: CredentialContent | undefined, namespace: string, options: Record<string, unknown>): Promise<void> {
    const check = await provider.validateCredential(credential, { ...options, namespace });
    if (check.valid) return;
    throw new PitrixError('RUNTIME.CREDENTIAL_INVALID', `The ${provider.name} credential cannot deploy to namespace ${namespace}: ${check.reason ?? 'invalid'}${check.message ? ` (${check.message})` : ''}`, [
      { path: 'credentialId', message: check.message ?? check.reason ?? 'invalid' },
    ]);
  }

  /** Validates zone and options by connecting, live; the session is closed at once. */
  private async checkLive(provider: AnyRuntimeProvider, context: ProviderContext): Promise<void> {
    const session = await provider.connect(context);
    await session.close();
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
