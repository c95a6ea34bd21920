import { PitrixError } from '@pitrix/errors';
import { isId, newId } from '@pitrix/ids';
import type { CredentialContent } from '@pitrix/provider-contract';
import type { SecretBox } from '@pitrix/secrets';
import type { DataSource, EntityManager } from 'typeorm';
import { CredentialEntity, RuntimeEntity } from './entities.js';

/** Who owns a new resource (tenant scoping from day one). */
export interface Ownership {
  readonly owner: string;
  readonly ownerPath: string;
}

/** A credential to store: the secret fields are sealed before anything touches the database. */
export interface NewCredential extends Ownership {
  readonly name: string;
  readonly description: string;
  readonly provider: string;
  readonly endpoint?: string;
  readonly secret: Readonly<Record<string, string>>;
}

/** Stores credentials sealed at rest and opens them only for a caller that needs the plaintext. */
export class CredentialStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly box: SecretBox,
  ) {}

  /** Seals and inserts a credential; a name the owner already uses is `RUNTIME.NAME_TAKEN`. */
  async create(input: NewCredential, manager: EntityManager = this.dataSource.manager): Promise<CredentialEntity> {
    const id = newId('credential');
    const sealed = this.box.seal(JSON.stringify(input.secret), id);
    const entity = manager.create(CredentialEntity, {
      id,
      name: input.name,
      description: input.description,
      provider: input.provider,
      endpoint: input.endpoint ?? null,
      sealed,
      keyId: sealed.kid,
      secretFields: Object.keys(input.secret).sort(),
      owner: input.owner,
      ownerPath: input.ownerPath,
    });
    await this.insertUnique(manager, entity);
    return entity;
  }

  /** A credential row (without opening it), or `RUNTIME.CREDENTIAL_NOT_FOUND`. */
  async get(id: string): Promise<CredentialEntity> {
    const found = isId('credential', id) ? await this.dataSource.manager.findOneBy(CredentialEntity, { id }) : null;
    if (!found) throw new PitrixError('RUNTIME.CREDENTIAL_NOT_FOUND', `Credential ${id} does not exist`);
    return found;
  }

  /** Decrypts a credential for a provider call. Only activities and live API checks call this. */
  async open(id: string): Promise<CredentialContent> {
    const entity = await this.get(id);
    return this.openEntity(entity);
  }

  /** Decrypts an already loaded credential row. */
  openEntity(entity: CredentialEntity): CredentialContent {
    const secret = JSON.parse(this.box.open(entity.sealed, entity.id)) as Record<string, string>;
    return entity.endpoint ? { endpoint: entity.endpoint, secret } : { secret };
  }

  /** Replaces name, description, endpoint and/or the secret (re-sealed with the active key). */
  async update(id: string, changes: { name?: string; description?: string; endpoint?: string | null; secret?: Record<string, string> }): Promise<CredentialEntity> {
    const entity = await this.get(id);
    if (changes.name !== undefined) entity.name = changes.name;
    if (changes.description !== undefined) entity.description = changes.description;
    if (changes.endpoint !== undefined) entity.endpoint = changes.endpoint;
    if (changes.secret) {
      entity.sealed = this.box.seal(JSON.stringify(changes.secret), id);
      entity.keyId = entity.sealed.kid;
      entity.secretFields = Object.keys(changes.secret).sort();
    }
    await this.insertUnique(this.dataSource.manager, entity, true);
    return entity;
  }

  /** Deletes a credential no runtime uses; otherwise `RUNTIME.CREDENTIAL_IN_USE` naming them. */
  async delete(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const users = await manager.find(RuntimeEntity, { where: { credentialId: id }, select: { id: true }, lock: { mode: 'pessimistic_read' } });
      if (users.length > 0) {
        throw new PitrixError('RUNTIME.CREDENTIAL_IN_USE', `Credential ${id} is used by runtime(s) ${users.map((u) => u.id).join(', ')}`);
      }
      await manager.delete(CredentialEntity, { id });
    });
  }

  private async insertUnique(manager: EntityManager, entity: CredentialEntity, update = false): Promise<void> {
    try {
      await manager.save(CredentialEntity, entity, { reload: !update });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') {
        throw new PitrixError('RUNTIME.NAME_TAKEN', `A credential named ${JSON.stringify(entity.name)} already exists`, [
          { path: 'name', message: 'already used by this owner', found: entity.name },
        ]);
      }
      throw err;
    }
  }
}
