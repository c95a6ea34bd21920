import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@pitrix/config';
import { PitrixError } from '@pitrix/errors';
import { packageKindOf, parsePackage, readChart, type PackageFiles } from '@pitrix/package';
import { loadPackage } from '@pitrix/package-io';
import { fileURLToPath } from 'node:url';
import type { Caller } from '../access/index.js';
import { API_CONFIG } from '../clients/tokens.js';

/** Where a cluster's package comes from: a catalog app version, or a package on this machine. */
export interface PackageRef {
  readonly appVersionId?: string;
  readonly packageUrl?: string;
}

/** Which runtimes a package may go to, and the rule that decided it (named in placement reasons). */
export interface RuntimeEligibility {
  readonly runtimeIds: readonly string[];
  readonly rule: string;
}

/** A package ready to deploy, with the app and version it is recorded under. */
export interface LoadedPackage {
  readonly appId: string;
  readonly versionId: string;
  readonly files: PackageFiles;
  /** The caller's runtimes the package may be deployed to; absent when any runtime will do. */
  readonly eligibility?: RuntimeEligibility;
  /** True when the version is a catalog version whose deployments are recorded. */
  readonly cataloged?: boolean;
}

/** The names a cluster's app and version go by, besides their ids (a link's `limits` may use either). */
export interface AppIdentity {
  readonly appName?: string;
  /** The version as its package.json gives it (`1.2.0`). */
  readonly version?: string;
}

/** Loads the package of a cluster operation; `CatalogPackageSource` adds catalog versions. */
export interface ClusterPackageSource {
  /** A package the caller is about to deploy (create, upgrade): the caller's right to deploy it is checked. */
  forDeploy(caller: Caller, ref: PackageRef): Promise<LoadedPackage>;
  /** The package a cluster already runs (update-env), whatever its catalog status is now. */
  reload(ref: PackageRef): Promise<LoadedPackage>;
  /** Records that a cluster uses the package (idempotent); true when this call wrote the record. */
  recordDeployment(clusterId: string, loaded: LoadedPackage): Promise<boolean>;
  /** Takes back a record this request wrote, when its job was not accepted. */
  forgetDeployment(clusterId: string, loaded: LoadedPackage): Promise<void>;
  /** The name of the app and version a cluster records by id; empty when they are not known. */
  appIdentity(appId: string, versionId: string): Promise<AppIdentity>;
}

/** Injection token of the `ClusterPackageSource`. */
export const CLUSTER_PACKAGE_SOURCE = Symbol('CLUSTER_PACKAGE_SOURCE');

/**
 * Packages and charts given by path, for developers (like `helm install ./chart`): a folder, a `.tgz` or a
 * `file://` URL on the API's machine. The app and version ids come from the package's name and
 * version; nothing is recorded, there is no catalog version to keep.
 */
@Injectable()
export class LocalPackageSource implements ClusterPackageSource {
  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  forDeploy(_caller: Caller, ref: PackageRef): Promise<LoadedPackage> {
    return this.reload(ref);
  }

  async reload(ref: PackageRef): Promise<LoadedPackage> {
    if (ref.appVersionId) throw new PitrixError('CATALOG.VERSION_NOT_FOUND', `App version ${ref.appVersionId} cannot be loaded: catalog module not installed`);
    if (!ref.packageUrl) throw new PitrixError('INPUT.INVALID', 'Give appVersionId or packageUrl', [{ path: 'packageUrl', message: 'required when appVersionId is not given' }]);
    const files = await loadPackage(localPath(ref.packageUrl), this.config.package);
    const { name, version } = packageKindOf(files) === 'helm' ? readChart(files).metadata : parsePackage(files).metadata;
    return { appId: `app-${name}`, versionId: `appv-${name}-${version}`, files };
  }

  async recordDeployment(): Promise<boolean> {
    return false;
  }

  async forgetDeployment(): Promise<void> {}

  /** A package given by path records `app-<name>` and `appv-<name>-<version>`: the names are in the ids. */
  async appIdentity(appId: string, versionId: string): Promise<AppIdentity> {
    if (!appId.startsWith('app-')) return {};
    const appName = appId.slice('app-'.length);
    const prefix = `appv-${appName}-`;
    return { appName, ...(versionId.startsWith(prefix) ? { version: versionId.slice(prefix.length) } : {}) };
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
