import { UseInterceptors } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { VersionAction } from '@pitrix/catalog-store';
import { CatalogWritesInterceptor } from './catalog-writes.interceptor.js';
import type { Caller } from '../access/index.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { toAppVersion } from './catalog.mapper.js';
import { UploadPackageInput } from './dto/app.input.js';
import { AppVersion, AppVersionPackage, EligibleRuntime } from './models/app.model.js';
import { VersionService } from './version.service.js';

/** Version actions (the status machine), uploads and package views. */
@UseInterceptors(CatalogWritesInterceptor)
@Resolver(() => AppVersion)
export class VersionResolver {
  constructor(private readonly versions: VersionService) {}

  private async act(caller: Caller, id: string, action: VersionAction, message?: string): Promise<AppVersion> {
    return toAppVersion(await this.versions.transition(caller, id, action, message));
  }

  @Mutation(() => AppVersion, { description: 'draft or rejected → submitted (developer); straight to passed in a private repo.' })
  submitVersion(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string, @Args('message', { nullable: true }) message?: string): Promise<AppVersion> {
    return this.act(caller, id, 'submit', message);
  }

  @Mutation(() => AppVersion, { description: 'submitted, in-review or passed → draft (developer, admin).' })
  cancelVersion(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string, @Args('message', { nullable: true }) message?: string): Promise<AppVersion> {
    return this.act(caller, id, 'cancel', message);
  }

  @Mutation(() => AppVersion, { description: 'submitted → in-review (reviewer; public repos only).' })
  reviewVersion(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<AppVersion> {
    return this.act(caller, id, 'startReview');
  }

  @Mutation(() => AppVersion, { description: 'in-review → passed (reviewer).' })
  passVersion(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string, @Args('message', { nullable: true }) message?: string): Promise<AppVersion> {
    return this.act(caller, id, 'pass', message);
  }

  @Mutation(() => AppVersion, { description: 'in-review → rejected (reviewer); the message is required.' })
  rejectVersion(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string, @Args('message') message: string): Promise<AppVersion> {
    return this.act(caller, id, 'reject', message);
  }

  @Mutation(() => AppVersion, { description: 'passed → active (developer).' })
  releaseVersion(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<AppVersion> {
    return this.act(caller, id, 'release');
  }

  @Mutation(() => AppVersion, { description: 'active → suspended (admin).' })
  suspendVersion(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string, @Args('message', { nullable: true }) message?: string): Promise<AppVersion> {
    return this.act(caller, id, 'suspend', message);
  }

  @Mutation(() => AppVersion, { description: 'suspended → active (admin).' })
  recoverVersion(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<AppVersion> {
    return this.act(caller, id, 'recover');
  }

  @Mutation(() => AppVersion, { description: 'draft, passed, rejected or suspended → deleted (developer, admin).' })
  deleteVersion(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<AppVersion> {
    return this.act(caller, id, 'delete');
  }

  @Mutation(() => AppVersion, { description: 'Uploads a .tgz into a writable repo the caller owns; it becomes a draft version.' })
  async uploadPackage(@CurrentCaller() caller: Caller, @Args('input') input: UploadPackageInput): Promise<AppVersion> {
    return toAppVersion(await this.versions.upload(caller, input.repoId, input.archiveBase64));
  }

  @Query(() => AppVersionPackage, { description: "A version's files, its blueprint rendered with the defaults, and config.json as a form." })
  appVersionPackage(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<AppVersionPackage> {
    return this.versions.packageView(caller, id);
  }

  @Query(() => [EligibleRuntime], { description: "Runtimes that may deploy a version: provider among the repo's providers, labels satisfying its selectors." })
  eligibleRuntimes(@CurrentCaller() caller: Caller, @Args('appVersionId', { type: () => ID }) appVersionId: string): Promise<EligibleRuntime[]> {
    return this.versions.eligibleRuntimes(caller, appVersionId);
  }
}
