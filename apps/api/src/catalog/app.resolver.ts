import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { Caller } from '../access/index.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { PageInput } from '../runtime/dto/runtime.input.js';
import { mapConnection } from '../runtime/runtime.mapper.js';
import { AppService } from './app.service.js';
import { toApp, toAppVersion, toAudit } from './catalog.mapper.js';
import { AppFilter, AppVersionFilter, AuditFilter, SortInput } from './dto/app.input.js';
import { App, AppConnection, AppVersion, AppVersionConnection, VersionAuditConnection } from './models/app.model.js';

/** Apps, versions and their audits. */
@Resolver(() => App)
export class AppResolver {
  constructor(private readonly catalog: AppService) {}

  @Query(() => AppConnection, { name: 'apps', description: 'Apps the caller can see. Sort by name, createdAt, updatedAt or status.' })
  async listApps(
    @CurrentCaller() caller: Caller,
    @Args('filter', { defaultValue: {} }) filter: AppFilter,
    @Args('page', { defaultValue: { first: 20 } }) page: PageInput,
    @Args('sort', { nullable: true }) sort?: SortInput,
  ): Promise<AppConnection> {
    return mapConnection(await this.catalog.listApps(caller, filter, page, sort), toApp);
  }

  @Query(() => App)
  async app(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<App> {
    return toApp(await this.catalog.getApp(caller, id));
  }

  @Query(() => AppVersionConnection, { name: 'appVersions', description: 'Versions the caller can see, newest first. Sort by createdAt, version, name, status or statusTime.' })
  async listVersions(
    @CurrentCaller() caller: Caller,
    @Args('filter', { defaultValue: {} }) filter: AppVersionFilter,
    @Args('page', { defaultValue: { first: 20 } }) page: PageInput,
    @Args('sort', { nullable: true }) sort?: SortInput,
  ): Promise<AppVersionConnection> {
    return mapConnection(await this.catalog.listVersions(caller, filter, page, sort), toAppVersion);
  }

  @Query(() => AppVersion)
  async appVersion(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<AppVersion> {
    return toAppVersion(await this.catalog.getVersion(caller, id));
  }

  @Query(() => VersionAuditConnection, { name: 'audits', description: 'Version transitions: who, as which role, when, from, to, and why; oldest first.' })
  async listAudits(
    @CurrentCaller() caller: Caller,
    @Args('filter', { defaultValue: {} }) filter: AuditFilter,
    @Args('page', { defaultValue: { first: 50 } }) page: PageInput,
    @Args('sort', { nullable: true }) sort?: SortInput,
  ): Promise<VersionAuditConnection> {
    return mapConnection(await this.catalog.listAudits(caller, filter, page, sort), toAudit);
  }
}
