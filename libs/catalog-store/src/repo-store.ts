import { PitrixError } from '@pitrix/errors';
import { isId, newId } from '@pitrix/ids';
import type { SecretBox } from '@pitrix/secrets';
import type { DataSource, EntityManager } from 'typeorm';
import { RepoEntity, type AppDefaultStatus, type RepoVisibility } from './entities.js';
import type { RepoCredential } from './sources/repo-source.js';

/** Who owns a new resource (tenant scoping from day one). */
export interface Ownership {
  readonly owner: string;
  readonly ownerPath: string;
}

/** A repo to store (already validated and checked for reachability by the caller). */
export interface NewRepo extends Ownership {
  readonly name: string;
  readonly description: string;
  readonly url: string;
  readonly visibility: RepoVisibility;
  readonly providers: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly selectors: Readonly<Record<string, readonly string[]>>;
  readonly appDefaultStatus: AppDefaultStatus;
  readonly categories: readonly string[];
  readonly indexIntervalSeconds: number;
  readonly credential?: RepoCredential;
}

/** Changes to a repo; only what is given changes. `credential: null` removes the credential. */
export type RepoChanges = Partial<Omit<NewRepo, 'owner' | 'ownerPath' | 'credential'>> & { readonly credential?: RepoCredential | null };

/** Repos, their credentials sealed at rest with the same envelope encryption as runtime credentials. */
export class RepoStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly box: SecretBox,
  ) {}

  /** Seals the credential and inserts the repo; a name the owner already uses is `CATALOG.REPO_NAME_TAKEN`. */
  async create(input: NewRepo, manager: EntityManager = this.dataSource.manager): Promise<RepoEntity> {
    const id = newId('repo');
    const { credential, ...fields } = input;
    const entity = manager.create(RepoEntity, {
      id,
      ...fields,
      providers: [...input.providers],
      labels: { ...input.labels },
      selectors: Object.fromEntries(Object.entries(input.selectors).map(([key, values]) => [key, [...values]])),
      categories: [...input.categories],
      status: 'active',
      lastIndexedAt: null,
      indexDigest: null,
      ...this.sealed(id, credential),
    });
    await this.saveUnique(manager, entity);
    return this.get(id, manager);
  }

  /** A repo (without its sealed credential), or `CATALOG.REPO_NOT_FOUND`. */
  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<RepoEntity> {
    const found = isId('repo', id) ? await manager.findOneBy(RepoEntity, { id }) : null;
    if (!found) throw new PitrixError('CATALOG.REPO_NOT_FOUND', `Repo ${id} does not exist`);
    return found;
  }

  /** Applies changes; a new credential is sealed with the active key. */
  async update(id: string, changes: RepoChanges, manager: EntityManager = this.dataSource.manager): Promise<RepoEntity> {
    const entity = await this.get(id, manager);
    const { credential, ...fields } = changes;
    // Another place (or other access) may serve another index: the next run reads it in full.
    if ((fields.url !== undefined && fields.url !== entity.url) || credential !== undefined) entity.indexDigest = null;
    Object.assign(entity, fields);
    if (credential !== undefined) Object.assign(entity, this.sealed(id, credential ?? undefined));
    await this.saveUnique(manager, entity);
    return this.get(id, manager);
  }

  /** Deletes a repo with its events, apps and versions (the caller checked nothing is deployed). */
  async delete(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.delete(RepoEntity, { id });
  }

  /** Decrypts a repo's credential for a source; only the indexer and live checks call this. */
  async openCredential(id: string): Promise<RepoCredential | undefined> {
    const row = await this.dataSource.manager.findOne(RepoEntity, { where: { id }, select: { id: true, credentialSealed: true } });
    if (!row) throw new PitrixError('CATALOG.REPO_NOT_FOUND', `Repo ${id} does not exist`);
    if (!row.credentialSealed) return undefined;
    return JSON.parse(this.box.open(row.credentialSealed, id)) as RepoCredential;
  }

  private sealed(id: string, credential: RepoCredential | undefined) {
    if (!credential || Object.keys(credential).length === 0) return { credentialSealed: null, credentialKeyId: null, credentialFields: [] };
    const sealed = this.box.seal(JSON.stringify(credential), id);
    return { credentialSealed: sealed, credentialKeyId: sealed.kid, credentialFields: Object.keys(credential).sort() };
  }

  private async saveUnique(manager: EntityManager, entity: RepoEntity): Promise<void> {
    try {
      await manager.save(RepoEntity, entity, { reload: false });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') {
        throw new PitrixError('CATALOG.REPO_NAME_TAKEN', `A repo named ${JSON.stringify(entity.name)} already exists`, [{ path: 'name', message: 'already used by this owner', found: entity.name }]);
      }
      throw err;
    }
  }
}
