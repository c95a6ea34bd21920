import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Caller } from '../access/index.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { JsonObjectScalar } from '../graphql/json-object.scalar.js';
import { CredentialService } from './credential.service.js';
import { CreateCredentialInput, UpdateCredentialInput } from './dto/credential.input.js';
import { PageInput } from './dto/runtime.input.js';
import { Credential, CredentialConnection, CredentialValidation } from './models/credential.model.js';
import { Deleted } from './models/runtime.model.js';
import { mapConnection, toCredential } from './runtime.mapper.js';

/** Runtime credentials. */
@Resolver(() => Credential)
export class CredentialResolver {
  constructor(private readonly credentials: CredentialService) {}

  @Query(() => CredentialConnection, { name: 'credentials', description: 'Credentials the caller can see.' })
  async listCredentials(@CurrentCaller() caller: Caller, @Args('page', { defaultValue: { first: 20 } }) page: PageInput): Promise<CredentialConnection> {
    return mapConnection(await this.credentials.list(caller, page), toCredential);
  }

  @Query(() => Credential)
  async credential(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<Credential> {
    return toCredential(await this.credentials.get(caller, id));
  }

  @Mutation(() => Credential, { description: 'Checks the credential live (unless validate: false), then seals and stores it.' })
  async createCredential(@CurrentCaller() caller: Caller, @Args('input') input: CreateCredentialInput): Promise<Credential> {
    return toCredential(await this.credentials.create(caller, input));
  }

  @Mutation(() => Credential, { description: 'Renames, re-describes or replaces the secret (checked live).' })
  async updateCredential(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateCredentialInput): Promise<Credential> {
    return toCredential(await this.credentials.update(caller, id, input));
  }

  @Mutation(() => Deleted, { description: 'Deletes a credential no runtime uses.' })
  async deleteCredential(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<Deleted> {
    return { id: await this.credentials.delete(caller, id) };
  }

  @Mutation(() => CredentialValidation, { description: 'Checks a stored credential against the provider, live.' })
  validateCredential(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('options', { type: () => JsonObjectScalar, nullable: true }) options: Record<string, unknown> | undefined,
  ): Promise<CredentialValidation> {
    return this.credentials.validate(caller, id, options ?? {});
  }
}
