import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { ProviderRegistry } from '@pitrix/provider-contract';
import type { Caller } from '../access/index.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { PROVIDER_REGISTRY } from '../clients/tokens.js';
import { JsonObjectScalar } from '../graphql/json-object.scalar.js';
import { CreateRuntimeInput, PageInput, RuntimeFilter, UpdateRuntimeInput } from './dto/runtime.input.js';
import { Deleted, ProviderInfo, Runtime, RuntimeCheck, RuntimeConnection, Zone } from './models/runtime.model.js';
import { RuntimeCheckService } from './runtime-check.service.js';
import { mapConnection, toProviderInfo, toRuntime } from './runtime.mapper.js';
import { RuntimeService } from './runtime.service.js';

/** Runtimes and providers. */
@Resolver(() => Runtime)
export class RuntimeResolver {
  constructor(
    private readonly runtimes: RuntimeService,
    private readonly checks: RuntimeCheckService,
    @Inject(PROVIDER_REGISTRY) private readonly providers: ProviderRegistry,
  ) {}

  @Query(() => [ProviderInfo], { name: 'providers', description: 'Runtime providers this installation offers.' })
  listProviders(): ProviderInfo[] {
    return this.providers.names().map((name) => toProviderInfo(this.providers.get(name)));
  }

  @Query(() => RuntimeConnection, { name: 'runtimes', description: 'Runtimes the caller can see.' })
  async listRuntimes(
    @CurrentCaller() caller: Caller,
    @Args('filter', { defaultValue: {} }) filter: RuntimeFilter,
    @Args('page', { defaultValue: { first: 20 } }) page: PageInput,
  ): Promise<RuntimeConnection> {
    return mapConnection(await this.runtimes.list(caller, filter, page), toRuntime);
  }

  @Query(() => Runtime)
  async runtime(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<Runtime> {
    return toRuntime(await this.runtimes.get(caller, id));
  }

  @Query(() => [Zone], { description: 'Zones a provider offers for a credential, asked live.' })
  zones(
    @CurrentCaller() caller: Caller,
    @Args('provider') provider: string,
    @Args('credentialId', { type: () => ID, nullable: true }) credentialId: string | undefined,
    @Args('options', { type: () => JsonObjectScalar, nullable: true }) options: Record<string, unknown> | undefined,
  ): Promise<Zone[]> {
    return this.runtimes.zones(caller, provider, credentialId, options ?? {});
  }

  @Mutation(() => Runtime, { description: 'Creates a runtime after checking provider, credential, zone and options live.' })
  async createRuntime(@CurrentCaller() caller: Caller, @Args('input') input: CreateRuntimeInput): Promise<Runtime> {
    return toRuntime(await this.runtimes.create(caller, input));
  }

  @Mutation(() => Runtime)
  async updateRuntime(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateRuntimeInput): Promise<Runtime> {
    return toRuntime(await this.runtimes.update(caller, id, input));
  }

  @Mutation(() => RuntimeCheck, {
    description: 'Checks a runtime live with its stored credential and options: the provider accepts the credential and offers its zone. A failure is answered (ok: false), not raised.',
  })
  validateRuntime(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<RuntimeCheck> {
    return this.checks.check(caller, id);
  }

  @Mutation(() => Deleted, { description: 'Deletes a runtime that has no clusters (RUNTIME.IN_USE otherwise).' })
  async deleteRuntime(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<Deleted> {
    return { id: await this.runtimes.delete(caller, id) };
  }
}
