import { PitrixError } from '@pitrix/errors';
import { isId, newId } from '@pitrix/ids';
import type { ProviderContext } from '@pitrix/provider-contract';
import type { DataSource } from 'typeorm';
import type { CredentialStore, Ownership } from './credential-store.js';
import { RuntimeEntity } from './entities.js';

/** A runtime to store (already validated against its provider by the caller). */
export interface NewRuntime extends Ownership {
  readonly name: string;
  readonly description: string;
  readonly provider: string;
  readonly zone: string;
  readonly credentialId: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly options: Readonly<Record<string, unknown>>;
}

/** What an activity needs to call a provider for a runtime: its name and a ready context. */
export interface ResolvedRuntime {
  readonly runtime: RuntimeEntity;
  readonly context: ProviderContext;
}

/** Runtimes: stored, looked up, and resolved (credential opened) for provider calls. */
export class RuntimeStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly credentials: CredentialStore,
  ) {}

  /**
   * Inserts a runtime (with `id` when the caller chose one first, e.g. to validate it against its
   * provider); a name the owner already uses is `RUNTIME.NAME_TAKEN`.
   */
  async create(input: NewRuntime & { readonly id?: string }): Promise<RuntimeEntity> {
    const entity = this.dataSource.manager.create(RuntimeEntity, { ...input, id: input.id ?? newId('runtime'), labels: { ...input.labels }, options: { ...input.options } });
    try {
      return await this.dataSource.manager.save(RuntimeEntity, entity);
    } catch (err) {
      if ((err as { code?: string }).code === '23505') {
        throw new PitrixError('RUNTIME.NAME_TAKEN', `A runtime named ${JSON.stringify(input.name)} already exists`, [
          { path: 'name', message: 'already used by this owner', found: input.name },
        ]);
      }
      throw err;
    }
  }

  /** A runtime, or `RUNTIME.NOT_FOUND`. */
  async get(id: string): Promise<RuntimeEntity> {
    const found = isId('runtime', id) ? await this.dataSource.manager.findOneBy(RuntimeEntity, { id }) : null;
    if (!found) throw new PitrixError('RUNTIME.NOT_FOUND', `Runtime ${id} does not exist`);
    return found;
  }

  /** Saves changed fields of a runtime. */
  async save(entity: RuntimeEntity): Promise<RuntimeEntity> {
    return this.dataSource.manager.save(RuntimeEntity, entity);
  }

  /** Deletes a runtime (the caller has checked that no cluster uses it). */
  async delete(id: string): Promise<void> {
    await this.dataSource.manager.delete(RuntimeEntity, { id });
  }

  /** Loads a runtime and opens its credential: for activities, which pass only the runtime id around. */
  async resolve(id: string): Promise<ResolvedRuntime> {
    const runtime = await this.get(id);
    const credential = runtime.credentialId ? await this.credentials.open(runtime.credentialId) : undefined;
    return { runtime, context: { runtimeId: runtime.id, credential, zone: runtime.zone, options: runtime.options } };
  }
}
