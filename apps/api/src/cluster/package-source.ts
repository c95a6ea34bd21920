import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@pitrix/config';
import { PitrixError } from '@pitrix/errors';
import { parsePackage, type PackageFiles } from '@pitrix/package';
import { loadPackage } from '@pitrix/package-io';
import { fileURLToPath } from 'node:url';
import { API_CONFIG } from '../clients/tokens.js';

/** Where a cluster's package comes from: a catalog app version, or a package on this machine. */
export interface PackageRef {
  readonly appVersionId?: string;
  readonly packageUrl?: string;
}

/** A package ready to deploy, with the app and version it is recorded under. */
export interface LoadedPackage {
  readonly appId: string;
  readonly versionId: string;
  readonly files: PackageFiles;
  /** Runtimes the package may be deployed to (from its repo's selectors); absent when any runtime will do. */
  readonly eligibleRuntimeIds?: string[];
}

/** Loads the package of a cluster operation; the catalog plugs in its own implementation. */
export interface ClusterPackageSource {
  load(ref: PackageRef): Promise<LoadedPackage>;
}

/** Injection token of the `ClusterPackageSource`. */
export const CLUSTER_PACKAGE_SOURCE = Symbol('CLUSTER_PACKAGE_SOURCE');

/**
 * Packages given by path, for developers (like `helm install ./chart`): a folder, a `.tgz` or a
 * `file://` URL on the API's machine. The app and version ids come from the package's name and
 * version. App versions need the catalog module, which replaces this source when installed.
 */
@Injectable()
export class LocalPackageSource implements ClusterPackageSource {
  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  async load(ref: PackageRef): Promise<LoadedPackage> {
    if (ref.appVersionId) throw new PitrixError('CATALOG.VERSION_NOT_FOUND', `App version ${ref.appVersionId} cannot be loaded: catalog module not installed`);
    if (!ref.packageUrl) throw new PitrixError('INPUT.INVALID', 'Give appVersionId or packageUrl', [{ path: 'packageUrl', message: 'required when appVersionId is not given' }]);
    const files = await loadPackage(localPath(ref.packageUrl), this.config.package);
    const { name, version } = parsePackage(files).metadata;
    return { appId: `app-${name}`, versionId: `appv-${name}-${version}`, files };
  }
}

function localPath(packageUrl: string): string {
  if (packageUrl.startsWith('file://')) return fileURLToPath(packageUrl);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(packageUrl)) {
    throw new PitrixError('INPUT.INVALID', `packageUrl ${packageUrl}: only local folders, .tgz files and file:// URLs are accepted`, [
      { path: 'packageUrl', message: 'expected a local path or file:// URL', found: packageUrl },
    ]);
  }
  return packageUrl;
}
