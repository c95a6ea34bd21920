import { Inject, Injectable } from '@nestjs/common';
import { PitrixError } from '@pitrix/errors';
import type { CredentialContent, ProviderRegistry } from '@pitrix/provider-contract';
import { CredentialEntity, CredentialStore } from '@pitrix/runtime-store';
import type { DataSource } from 'typeorm';
import { canSee, visibleOwnerWhere, type Caller } from '../access/index.js';
import { DATA_SOURCE, PROVIDER_REGISTRY } from '../clients/tokens.js';
import { decodeCursor, toConnection, type Connection } from '../graphql/pagination.js';
import type { CreateCredentialInput, UpdateCredentialInput } from './dto/credential.input.js';
import type { PageInput } from './dto/runtime.input.js';
import type { CredentialValidation } from './models/credential.model.js';
import { secretFields } from './secret-input.js';

/** Credentials: created only after a live check, sealed at once, never returned. */
@Injectable()
export class CredentialService {
  constructor(
    private readonly store: CredentialStore,
    @Inject(PROVIDER_REGISTRY) private readonly providers: ProviderRegistry,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async list(caller: Caller, page: PageInput): Promise<Connection<CredentialEntity>> {
    const after = decodeCursor(page.after);
    const query = this.dataSource.getRepository(CredentialEntity).createQueryBuilder('c').where(...visibleOwnerWhere(caller, 'c.ownerPath'));
    const totalCount = await query.getCount();
    if (after) query.andWhere('(c.createdAt, c.id) > (:sort, :id)', { sort: after.sort, id: after.id });
    const rows = await query.orderBy('c.createdAt').addOrderBy('c.id').take(page.first + 1).getMany();
    return toConnection(rows, page.first, totalCount, (row) => ({ sort: row.createdAt.toISOString(), id: row.id }));
  }

  async get(caller: Caller, id: string): Promise<CredentialEntity> {
    const entity = await this.store.get(id);
    if (!canSee(caller, entity.ownerPath)) throw new PitrixError('RUNTIME.CREDENTIAL_NOT_FOUND', `Credential ${id} does not exist`);
    return entity;
  }

  async create(caller: Caller, input: CreateCredentialInput): Promise<CredentialEntity> {
    const provider = this.providers.get(input.provider);
    const secret = secretFields(input.secret);
    const content: CredentialContent = input.endpoint ? { endpoint: input.endpoint, secret } : { secret };
    if (input.validate) await this.requireValid(provider.name, content);
    return this.store.create({ ...input, secret, owner: caller.userId, ownerPath: caller.ownerPath });
  }

  async update(caller: Caller, id: string, input: UpdateCredentialInput): Promise<CredentialEntity> {
    const entity = await this.get(caller, id);
    const secret = input.secret ? secretFields(input.secret) : undefined;
    if (secret || input.endpoint !== undefined) {
      const endpoint = input.endpoint ?? entity.endpoint ?? undefined;
      const next = secret ?? this.store.openEntity(entity).secret;
      await this.requireValid(entity.provider, endpoint ? { endpoint, secret: next } : { secret: next });
    }
    return this.store.update(id, { ...input, secret });
  }

  async delete(caller: Caller, id: string): Promise<string> {
    await this.get(caller, id);
    await this.store.delete(id);
    return id;
  }

  async validate(caller: Caller, id: string, options: Record<string, unknown>): Promise<CredentialValidation> {
    const entity = await this.get(caller, id);
    const check = await this.providers.get(entity.provider).validateCredential(this.store.openEntity(entity), options);
    return { valid: check.valid, reason: check.reason ?? null, message: check.message ?? null, identity: check.identity ?? null };
  }

  private async requireValid(provider: string, content: CredentialContent): Promise<void> {
    const check = await this.providers.get(provider).validateCredential(content, {});
    if (!check.valid) {
      throw new PitrixError('RUNTIME.CREDENTIAL_INVALID', `The ${provider} credential was refused: ${check.reason ?? 'invalid'}${check.message ? ` (${check.message})` : ''}`, [
        { path: 'secret', message: check.reason ?? 'invalid' },
      ]);
    }
  }
}
