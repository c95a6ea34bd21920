import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Caller } from '../access/index.js';
import { DATA_SOURCE } from '../clients/tokens.js';
import { DeployableVersions } from '../catalog/deployable-versions.service.js';
import { LocalPackageSource, type AppIdentity, type ClusterPackageSource, type LoadedPackage, type PackageRef } from './package-source.js';

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
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
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

  /**
   * A catalog app's name and a version's semantic version, whoever may see them (only names are
   * compared, nothing is shown); a cluster deployed from a path falls back to the ids' names.
   */
  async appIdentity(appId: string, versionId: string): Promise<AppIdentity> {
    const rows = (await this.dataSource.query(`SELECT a.name, v.version FROM catalog.apps a LEFT JOIN catalog.app_versions v ON v.id = $2 AND v.app_id = a.id WHERE a.id = $1`, [appId, versionId])) as Array<{ name: string; version: string | null }>;
    const row = rows[0];
    if (!row) return this.local.appIdentity(appId, versionId);
    return { appName: row.name, ...(row.version ? { version: row.version } : {}) };
  }
}
