import { Injectable } from '@nestjs/common';
import type { Caller } from '../access/index.js';
import { DeployableVersions } from '../catalog/deployable-versions.service.js';
import { LocalPackageSource, type ClusterPackageSource, type LoadedPackage, type PackageRef } from './package-source.js';

/**
 * The cluster module's package source with the catalog installed: `appVersionId` goes to the
 * catalog (visibility, deployable status, eligible runtimes, deployment records), `packageUrl`
 * to the local loader. A cluster records the catalog's own app and version ids.
 */
@Injectable()
export class CatalogPackageSource implements ClusterPackageSource {
  constructor(
    private readonly catalog: DeployableVersions,
    private readonly local: LocalPackageSource,
  ) {}

  async forDeploy(caller: Caller, ref: PackageRef): Promise<LoadedPackage> {
    if (!ref.appVersionId) return this.local.forDeploy(caller, ref);
    const version = await this.catalog.forDeploy(caller, ref.appVersionId);
    const eligibility = { runtimeIds: version.eligibleRuntimes.map((runtime) => runtime.id), rule: version.rule };
    return { appId: version.appId, versionId: version.versionId, files: version.files, eligibility, cataloged: true };
  }

  async reload(ref: PackageRef): Promise<LoadedPackage> {
    if (!ref.appVersionId) return this.local.reload(ref);
    const version = await this.catalog.reload(ref.appVersionId);
    return { appId: version.appId, versionId: version.versionId, files: version.files, cataloged: true };
  }

  async recordDeployment(clusterId: string, loaded: LoadedPackage): Promise<boolean> {
    return loaded.cataloged ? this.catalog.recordDeployment(clusterId, loaded.versionId) : false;
  }

  async forgetDeployment(clusterId: string, loaded: LoadedPackage): Promise<void> {
    if (loaded.cataloged) await this.catalog.forgetDeployment(clusterId, loaded.versionId);
  }
}
