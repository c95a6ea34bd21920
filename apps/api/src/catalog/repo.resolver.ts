import { UseInterceptors } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CatalogWritesInterceptor } from './catalog-writes.interceptor.js';
import type { Caller } from '../access/index.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { JsonObjectScalar } from '../graphql/json-object.scalar.js';
import { PageInput } from '../runtime/dto/runtime.input.js';
import { Deleted } from '../runtime/models/runtime.model.js';
import { mapConnection } from '../runtime/runtime.mapper.js';
import { toRepo, toRepoEvent } from './catalog.mapper.js';
import { SortInput } from './dto/app.input.js';
import { CreateRepoInput, RepoEventFilter, RepoFilter, UpdateRepoInput } from './dto/repo.input.js';
import { Repo, RepoConnection, RepoEvent, RepoEventConnection, RepoValidation } from './models/repo.model.js';
import { RepoService } from './repo.service.js';

/** Repos and their index runs. */
@UseInterceptors(CatalogWritesInterceptor)
@Resolver(() => Repo)
export class RepoResolver {
  constructor(private readonly repos: RepoService) {}

  @Query(() => RepoConnection, { name: 'repos', description: 'Repos the caller owns and every public repo. Sort by name, createdAt or updatedAt.' })
  async listRepos(
    @CurrentCaller() caller: Caller,
    @Args('filter', { defaultValue: {} }) filter: RepoFilter,
    @Args('page', { defaultValue: { first: 20 } }) page: PageInput,
    @Args('sort', { nullable: true }) sort?: SortInput,
  ): Promise<RepoConnection> {
    return mapConnection(await this.repos.list(caller, filter, page, sort), toRepo);
  }

  @Query(() => Repo)
  async repo(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<Repo> {
    return toRepo(await this.repos.get(caller, id));
  }

  @Query(() => RepoEventConnection, { description: 'Index runs, newest first.' })
  async repoEvents(
    @CurrentCaller() caller: Caller,
    @Args('filter', { defaultValue: {} }) filter: RepoEventFilter,
    @Args('page', { defaultValue: { first: 20 } }) page: PageInput,
    @Args('sort', { nullable: true }) sort?: SortInput,
  ): Promise<RepoEventConnection> {
    return mapConnection(await this.repos.events(caller, filter, page, sort), toRepoEvent);
  }

  @Mutation(() => Repo, { description: 'Creates a repo after checking it is reachable with its credential, schedules and starts its indexing.' })
  async createRepo(@CurrentCaller() caller: Caller, @Args('input') input: CreateRepoInput): Promise<Repo> {
    return toRepo(await this.repos.create(caller, input));
  }

  @Mutation(() => Repo)
  async updateRepo(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateRepoInput): Promise<Repo> {
    return toRepo(await this.repos.update(caller, id, input));
  }

  @Mutation(() => Deleted, { description: 'Deletes a repo with its apps and versions (CATALOG.REPO_IN_USE while a version is deployed).' })
  async deleteRepo(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<Deleted> {
    return { id: await this.repos.delete(caller, id) };
  }

  @Mutation(() => RepoValidation, { description: 'Checks a URL and credential without storing anything.' })
  validateRepo(
    @CurrentCaller() caller: Caller,
    @Args('url') url: string,
    @Args('credential', { type: () => JsonObjectScalar, nullable: true }) credential?: Record<string, unknown>,
  ): Promise<RepoValidation> {
    return this.repos.validate(caller, url, credential);
  }

  @Mutation(() => RepoEvent, { description: 'Indexes a repo now; while a run is going, returns that run.' })
  async indexRepo(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<RepoEvent> {
    return toRepoEvent(await this.repos.index(caller, id));
  }
}
