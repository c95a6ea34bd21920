import { Inject, Injectable } from '@nestjs/common';
import { AppVersionEntity, RepoEntity, VersionStore } from '@pitrix/catalog-store';
import type { ApiConfig } from '@pitrix/config';
import type { PackageFiles, PackageKind } from '@pitrix/package';
import { loadPackageFromBytes } from '@pitrix/package-io';
import type { Selector } from '@pitrix/selectors';
import type { DataSource } from 'typeorm';
import { PitrixError } from '@pitrix/errors';
import { isId } from '@pitrix/ids';
import { API_CONFIG, DATA_SOURCE } from '../clients/tokens.js';

/** A version's package as deployers need it, with what its repo allows. */
export interface LoadedAppVersion {
  readonly appId: string;
  readonly versionId: string;
  /** `pitrix` (machine runtimes) or `helm` (kubernetes runtimes). */
  readonly kind: PackageKind;
  readonly files: PackageFiles;
  readonly repo: { readonly providers: string[]; readonly selectors: Selector };
}

/**
 * The package files of a version, for the cluster module: loaded from the stored archive (the
 * bytes the indexer verified), with the repo's providers and selectors.
 */
@Injectable()
export class AppVersionPackages {
  constructor(
    private readonly versions: VersionStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Loads a version's files; an unknown version is `CATALOG.VERSION_NOT_FOUND`. */
  async load(appVersionId: string): Promise<LoadedAppVersion> {
    const version = isId('appVersion', appVersionId) ? await this.dataSource.manager.findOneBy(AppVersionEntity, { id: appVersionId }) : null;
    if (!version) throw new PitrixError('CATALOG.VERSION_NOT_FOUND', `App version ${appVersionId} does not exist`);
    const repo = await this.dataSource.manager.findOneByOrFail(RepoEntity, { id: version.repoId });
    const files = await loadPackageFromBytes(await this.versions.packageBytes(appVersionId), this.config.package);
    return { appId: version.appId, versionId: version.id, kind: version.kind, files, repo: { providers: [...repo.providers], selectors: repo.selectors } };
  }
}
