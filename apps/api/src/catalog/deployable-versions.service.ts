import { Inject, Injectable } from '@nestjs/common';
import { DeploymentLedger, type AppVersionEntity } from '@pitrix/catalog-store';
import { PitrixError } from '@pitrix/errors';
import type { DataSource } from 'typeorm';
import { canSee, type Caller } from '../access/index.js';
import type { ProviderRegistry } from '@pitrix/provider-contract';
import { DATA_SOURCE, PROVIDER_REGISTRY } from '../clients/tokens.js';
import { AppService } from './app.service.js';
import { AppVersionPackages, type LoadedAppVersion } from './app-version-packages.service.js';
import { describeRule, findEligibleRuntimes, ruleForKind, type EligibleRuntimeRow } from './eligible-runtimes.js';

/** A version to deploy, with the caller's runtimes its repo allows for its kind and that rule in words. */
export interface DeployableVersion extends LoadedAppVersion {
  readonly eligibleRuntimes: EligibleRuntimeRow[];
  readonly rule: string;
}

/** Statuses no one deploys: the version is gone from its repo, or an admin stopped it. */
const NEVER_DEPLOYED: ReadonlySet<string> = new Set(['deleted', 'suspended']);

/**
 * The catalog's answer to "may this caller deploy this version, and where". The caller must see
 * the version (a private repo's versions: their owner and admins); the version's owner and admins
 * may deploy it in any status but deleted and suspended (a developer tests a draft), everyone else
 * only an `active` one. Clusters record the deployments so the indexer keeps deployed versions.
 */
@Injectable()
export class DeployableVersions {
  constructor(
    private readonly apps: AppService,
    private readonly packages: AppVersionPackages,
    private readonly ledger: DeploymentLedger,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PROVIDER_REGISTRY) private readonly providers: ProviderRegistry,
  ) {}

  /**
   * Loads a version the caller may deploy: `CATALOG.VERSION_NOT_FOUND` when it cannot see it,
   * `CATALOG.VERSION_NOT_DEPLOYABLE` when its status does not allow the caller to deploy it.
   */
  async forDeploy(caller: Caller, appVersionId: string): Promise<DeployableVersion> {
    const version = await this.apps.getVersion(caller, appVersionId);
    ensureDeployable(caller, version);
    const loaded = await this.packages.load(appVersionId);
    // A Helm chart goes only to kubernetes runtimes, a Pitrix package only to machine runtimes.
    const rule = ruleForKind(loaded.repo, loaded.kind, this.providers);
    const eligibleRuntimes = await findEligibleRuntimes(this.dataSource, caller, rule);
    return { ...loaded, eligibleRuntimes, rule: describeRule(rule) };
  }

  /** Loads the version a cluster already runs, whatever its status is now (it keeps its package). */
  reload(appVersionId: string): Promise<LoadedAppVersion> {
    return this.packages.load(appVersionId);
  }

  /** Records that a cluster is created or upgraded with a version (idempotent per pair); true when new. */
  recordDeployment(clusterId: string, appVersionId: string): Promise<boolean> {
    return this.ledger.record(clusterId, appVersionId);
  }

  /** Takes back a record whose job was never accepted. */
  forgetDeployment(clusterId: string, appVersionId: string): Promise<void> {
    return this.ledger.forget(clusterId, appVersionId);
  }
}

function ensureDeployable(caller: Caller, version: AppVersionEntity): void {
  if (NEVER_DEPLOYED.has(version.status)) {
    throw new PitrixError('CATALOG.VERSION_NOT_DEPLOYABLE', `App version ${version.id} is ${version.status} and cannot be deployed`);
  }
  const ownerOrAdmin = canSee(caller, version.ownerPath);
  if (!ownerOrAdmin && version.status !== 'active') {
    throw new PitrixError('CATALOG.VERSION_NOT_DEPLOYABLE', `App version ${version.id} is ${version.status}; only its owner may deploy it before it is active`);
  }
}
