import type { ApiConfig } from '@pitrix/config';
import { Inject, Injectable } from '@nestjs/common';
import { CategoryStore, DeploymentLedger, openRepoSource, parseRepoUrl, RepoEntity, RepoEventEntity, RepoStore, type RepoCredential } from '@pitrix/catalog-store';
import { isPitrixError, PitrixError, type Problem } from '@pitrix/errors';
import { fetchPolicyFromSettings, type OutboundFetchPolicy } from '@pitrix/package-io';
import { toLabels, toSelector } from '@pitrix/selectors';
import type { DataSource } from 'typeorm';
import { canSee, isAdmin, ownerPathFor, requireCapability, visibleOwnerWhere, type Caller } from '../access/index.js';
import { API_CONFIG, DATA_SOURCE } from '../clients/tokens.js';
import type { Connection } from '../graphql/pagination.js';
import type { PageInput } from '../runtime/dto/runtime.input.js';
import type { SortInput } from './dto/app.input.js';
import type { CreateRepoInput, RepoEventFilter, RepoFilter, UpdateRepoInput } from './dto/repo.input.js';
import { byProperty, byTime, escapeLike, pageOf } from './list-page.js';
import { RepoIndexRuns } from './repo-index-runs.js';
import { RepoSchedules } from './repo-schedules.js';

const PROVIDER = /^[a-z][a-z0-9-]{0,31}$/;
/** What a caller who is not an administrator learns when a repo cannot be reached. */
const GENERIC_UNREACHABLE = 'the repo is not reachable with a valid index';
const REPO_SORTS = { name: byProperty<RepoEntity>('name'), createdAt: byTime<RepoEntity>('createdAt'), updatedAt: byTime<RepoEntity>('updatedAt') };
const EVENT_SORTS = { createdAt: byTime<RepoEventEntity>('createdAt') };

/** Repos: checked live before they are stored, scheduled for indexing, indexed on create and update. */
@Injectable()
export class RepoService {
  constructor(
    private readonly store: RepoStore,
    private readonly categories: CategoryStore,
    private readonly runs: RepoIndexRuns,
    private readonly schedules: RepoSchedules,
    private readonly ledger: DeploymentLedger,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {
    this.fetchPolicy = fetchPolicyFromSettings(config.fetch);
  }

  private readonly fetchPolicy: OutboundFetchPolicy;

  /**
   * Reaches the repo with its credential, as the indexer will. A malformed URL or credential keeps
   * its code; a failure to reach the repo has its detailed REPO.* code only for an administrator.
   * Anyone else gets the one generic `REPO.UNREACHABLE`, so the API cannot be used to learn what
   * listens at an address (a metadata service, a database port) or whether a host exists.
   */
  private async checkReachable(caller: Caller, url: string, credential: RepoCredential | undefined): Promise<void> {
    const source = openRepoSource(url, credential, { s3: this.config.s3, fetch: this.fetchPolicy });
    try {
      await source.check();
    } catch (err) {
      if (!isPitrixError(err) || isAdmin(caller)) throw err;
      throw new PitrixError('REPO.UNREACHABLE', GENERIC_UNREACHABLE);
    }
  }

  /** Repos the caller can see: its own and every public one. */
  async list(caller: Caller, filter: RepoFilter, page: PageInput, sort?: SortInput): Promise<Connection<RepoEntity>> {
    const [owned, params] = visibleOwnerWhere(caller, 'r.ownerPath');
    const query = this.dataSource.getRepository(RepoEntity).createQueryBuilder('r').where(`(${owned} OR r.visibility = 'public')`, params);
    if (filter.search) query.andWhere('(r.name ILIKE :search OR r.description ILIKE :search)', { search: `%${escapeLike(filter.search)}%` });
    if (filter.visibility) query.andWhere('r.visibility = :visibility', { visibility: filter.visibility });
    if (filter.provider) query.andWhere(':provider = ANY(r.providers)', { provider: filter.provider });
    if (filter.category) query.andWhere(':category = ANY(r.categories)', { category: filter.category });
    return pageOf(query, 'r', REPO_SORTS, { field: 'name', descending: false }, { ...page, sort });
  }

  /** A repo the caller can see, or `CATALOG.REPO_NOT_FOUND`. */
  async get(caller: Caller, id: string): Promise<RepoEntity> {
    const repo = await this.store.get(id);
    if (repo.visibility !== 'public' && !canSee(caller, repo.ownerPath)) throw new PitrixError('CATALOG.REPO_NOT_FOUND', `Repo ${id} does not exist`);
    return repo;
  }

  /** A repo the caller may change: its own (an admin's access covers all). */
  async getOwned(caller: Caller, id: string): Promise<RepoEntity> {
    const repo = await this.store.get(id);
    if (!canSee(caller, repo.ownerPath)) {
      if (repo.visibility === 'public') throw new PitrixError('AUTH.FORBIDDEN', `${caller.login} may not change repo ${id}: it belongs to ${repo.owner}`);
      throw new PitrixError('CATALOG.REPO_NOT_FOUND', `Repo ${id} does not exist`);
    }
    return repo;
  }

  async create(caller: Caller, input: CreateRepoInput): Promise<RepoEntity> {
    this.requireCapabilities(caller, input.url, input.visibility);
    const credential = toCredential(input.credential);
    const fields = await this.checkFields(input);
    await this.checkReachable(caller, input.url, credential);
    const repo = await this.store.create({ ...fields, name: input.name, description: input.description, url: input.url, visibility: input.visibility, appDefaultStatus: input.appDefaultStatus, indexIntervalSeconds: input.indexIntervalSeconds, credential, owner: caller.userId, ownerPath: ownerPathFor(caller, input.groupId) });
    try {
      await this.schedules.upsert(repo.id, repo.indexIntervalSeconds);
    } catch (err) {
      await this.store.delete(repo.id);
      throw err;
    }
    await this.runs.request(repo, 'create');
    return repo;
  }

  async update(caller: Caller, id: string, input: UpdateRepoInput): Promise<RepoEntity> {
    const repo = await this.getOwned(caller, id);
    this.requireCapabilities(caller, input.url ?? repo.url, input.visibility);
    const credential = input.credential === undefined ? undefined : toCredential(input.credential);
    const fields = await this.checkFields(input);
    // A new URL without a new credential drops the stored one: it is never sent to another address.
    const urlChanged = input.url !== undefined && input.url !== repo.url;
    const dropCredential = urlChanged && input.credential === undefined;
    if (input.url !== undefined || credential !== undefined) {
      const kept = input.credential !== undefined ? credential : dropCredential ? undefined : await this.store.openCredential(id);
      await this.checkReachable(caller, input.url ?? repo.url, kept);
    }
    const { credential: _ignored, labels: _labels, selectors: _selectors, providers: _providers, categories: _categories, ...plain } = input;
    const credentialChange = input.credential !== undefined ? { credential: credential ?? null } : dropCredential ? { credential: null } : {};
    const updated = await this.store.update(id, { ...plain, ...fields, ...credentialChange });
    if (updated.indexIntervalSeconds !== repo.indexIntervalSeconds) await this.schedules.upsert(id, updated.indexIntervalSeconds);
    await this.runs.request(updated, 'update');
    return updated;
  }

  /** Deletes a repo, its schedule, apps and versions; refused while one of its versions is deployed. */
  async delete(caller: Caller, id: string): Promise<string> {
    await this.getOwned(caller, id);
    // Counts as of now: clusters ceased since the last index no longer hold the repo.
    await this.ledger.refreshRepo(this.dataSource.manager, id);
    const [{ deployed }] = (await this.dataSource.query(`SELECT count(*)::int AS deployed FROM catalog.app_versions WHERE repo_id = $1 AND deployment_count > 0`, [id])) as [{ deployed: number }];
    if (deployed > 0) throw new PitrixError('CATALOG.REPO_IN_USE', `Repo ${id} has ${deployed} deployed version(s); delete their clusters first`);
    await this.ledger.dropReleasedOfRepo(this.dataSource.manager, id);
    await this.schedules.delete(id);
    await this.store.delete(id);
    return id;
  }

  /**
   * Checks a URL and credential without storing anything. An administrator gets the failure's
   * code and message; anyone else only `REPO.UNREACHABLE` with one generic message.
   */
  async validate(caller: Caller, url: string, credentialInput: Record<string, unknown> | undefined): Promise<{ valid: boolean; reason: string | null; message: string | null }> {
    this.requireCapabilities(caller, url, undefined);
    try {
      await this.checkReachable(caller, url, toCredential(credentialInput));
      return { valid: true, reason: null, message: null };
    } catch (err) {
      if (!isPitrixError(err)) throw err;
      return { valid: false, reason: err.code, message: err.message };
    }
  }

  /** Requests an index run now; returns its event (the unfinished one when a run is going). */
  async index(caller: Caller, id: string): Promise<RepoEventEntity> {
    return this.runs.request(await this.getOwned(caller, id), 'manual');
  }

  /** A file:// repo reads the API's own disk, a public one reaches every user: both need admin. */
  private requireCapabilities(caller: Caller, url: string, visibility: string | undefined | null): void {
    if (url.trim().toLowerCase().startsWith('file:')) requireCapability(caller, 'fileRepo');
    if (visibility === 'public') requireCapability(caller, 'publicRepo');
  }

  /** Index runs of repos the caller can see, newest first. */
  async events(caller: Caller, filter: RepoEventFilter, page: PageInput, sort?: SortInput): Promise<Connection<RepoEventEntity>> {
    const query = this.dataSource.getRepository(RepoEventEntity).createQueryBuilder('e').where(...visibleOwnerWhere(caller, 'e.ownerPath'));
    if (filter.repoId) query.andWhere('e.repoId = :repoId', { repoId: filter.repoId });
    if (filter.status) query.andWhere('e.status = :status', { status: filter.status });
    return pageOf(query, 'e', EVENT_SORTS, { field: 'createdAt', descending: true }, { ...page, sort });
  }

  private async checkFields(input: Partial<Pick<CreateRepoInput, 'url' | 'labels' | 'selectors' | 'providers' | 'categories'>>) {
    if (input.url !== undefined) parseRepoUrl(input.url);
    const problems: Problem[] = (input.providers ?? []).flatMap((provider, index) => (PROVIDER.test(provider) ? [] : [{ path: `providers[${index}]`, message: 'not a provider name', found: provider }]));
    if (problems.length > 0) throw new PitrixError('INPUT.INVALID', 'Invalid providers', problems);
    if (input.categories) await this.categories.requireAll(input.categories);
    return {
      ...(input.labels ? { labels: toLabels(input.labels, 'labels') } : {}),
      ...(input.selectors ? { selectors: toSelector(input.selectors, 'selectors') } : {}),
      ...(input.providers ? { providers: [...new Set(input.providers)] } : {}),
      ...(input.categories ? { categories: [...new Set(input.categories)] } : {}),
    } as { labels: Record<string, string>; selectors: Record<string, string[]>; providers: string[]; categories: string[] };
  }
}

/** A credential given on input: string values only; `{}` means none. */
function toCredential(value: Record<string, unknown> | undefined): RepoCredential | undefined {
  if (value === undefined) return undefined;
  const problems = Object.entries(value).flatMap(([key, item]) => (typeof item === 'string' ? [] : [{ path: `credential.${key}`, message: 'expected a string' }]));
  if (problems.length > 0) throw new PitrixError('INPUT.INVALID', 'Invalid credential', problems);
  return Object.keys(value).length === 0 ? undefined : (value as RepoCredential);
}
