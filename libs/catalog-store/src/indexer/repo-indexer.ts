import type { HelmCli } from '@pitrix/helm';
import { outboundFetchPolicy, sha256Hex, type OutboundFetchPolicy, type PackageLimits } from '@pitrix/package-io';
import type { S3RepoUrlOptions } from '@pitrix/s3-repo';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { DeploymentLedger } from '../deployment-ledger.js';
import { AppVersionEntity, RepoEntity } from '../entities.js';
import type { IndexCounts } from '../repo-event-store.js';
import type { RepoStore } from '../repo-store.js';
import { openRepoSource } from '../sources/open-source.js';
import type { RepoSource } from '../sources/repo-source.js';
import { applyPlan } from './apply-plan.js';
import { readSnapshot, type Candidate, type RepoSnapshot } from './candidates.js';
import { readCandidateBytes, toFailure, verifyCandidate } from './fetch-candidate.js';
import { mapLimit } from './map-limit.js';
import { settlePinnedUpdates } from './pinned-digest.js';
import { planIndex, versionKey, type CandidateOutcome, type ExistingVersion, type IndexPlan } from './plan.js';

/** What the indexer needs. */
export interface RepoIndexerDeps {
  readonly dataSource: DataSource;
  readonly repos: RepoStore;
  readonly limits: PackageLimits;
  /** Archives read at once. */
  readonly concurrency?: number;
  /** Where s3:// repos are served (the installation's S3 endpoint and region). */
  readonly s3?: S3RepoUrlOptions;
  /**
   * The helm binary: a chart must render with its defaults (`helm template`) to be stored.
   * Without it charts get only the static lint.
   */
  readonly helm?: HelmCli;
  /**
   * Where http(s) fetches may go (`PITRIX_FETCH_ALLOW`), how long they may take, how many
   * redirects; strict when absent. Also decides which hosts other than the repo's own an index's
   * absolute package URLs may name.
   */
  readonly fetch?: OutboundFetchPolicy;
  /** Opens a repo's source (the default picks one by URL scheme). */
  readonly openSource?: (url: string, credential?: Readonly<Record<string, string>>) => RepoSource;
}

/**
 * Indexes one repo. Reading and verifying happen first, outside any transaction; then every
 * catalog write of the run happens in one transaction, so a run that fails (unreachable repo,
 * unreadable index, database error) leaves the catalog exactly as it was. A single bad package
 * (digest mismatch, unsafe or invalid archive), or new bytes under a version whose digest is
 * pinned, does not fail the run: it is reported as a failure with its reason, its existing
 * version (if any) is kept, and everything else applies.
 */
export class RepoIndexer {
  private readonly deployments: DeploymentLedger;

  private readonly policy: OutboundFetchPolicy;

  constructor(private readonly deps: RepoIndexerDeps) {
    this.deployments = new DeploymentLedger(deps.dataSource);
    this.policy = deps.fetch ?? outboundFetchPolicy();
  }

  /** Runs one index of `repoId` and returns its counts. */
  async index(repoId: string, options: { heartbeat?: (done: number) => void } = {}): Promise<IndexCounts> {
    const repo = await this.deps.repos.get(repoId);
    const credential = await this.deps.repos.openCredential(repoId);
    const source = this.deps.openSource ? this.deps.openSource(repo.url, credential) : openRepoSource(repo.url, credential, { s3: this.deps.s3, fetch: this.policy });
    const snapshot = await readSnapshot(source, repo.url, repo.indexDigest);
    const existing = await this.existing(repoId);
    if (snapshot.sameIndex) {
      // The index the last complete run applied: every entry is known with its digest.
      await this.deps.dataSource.manager.update(RepoEntity, { id: repoId }, { lastIndexedAt: new Date() });
      return { added: 0, updated: 0, removed: 0, unchanged: existing.all.length, failures: [] };
    }
    let done = 0;
    const outcomes = await mapLimit(snapshot.candidates, this.deps.concurrency ?? 16, async (candidate) => {
      const outcome = await this.examine(source, snapshot, candidate, existing, repo.url);
      if (++done % 200 === 0) options.heartbeat?.(done);
      return outcome;
    });
    const plan = planIndex(existing.all, outcomes);
    await this.deps.dataSource.transaction(async (manager) => {
      // Serialises runs of one repo against uploads and against each other.
      const locked = await manager.findOne(RepoEntity, { where: { id: repoId }, lock: { mode: 'pessimistic_write' } });
      if (!locked) return;
      await this.settleRemovals(manager, repoId, plan);
      await settlePinnedUpdates(manager, plan);
      await applyPlan(manager, locked, plan);
      // Only a run that took every entry lets the next one skip an unchanged index.
      const indexDigest = plan.failures.length === 0 ? (snapshot.indexDigest ?? null) : null;
      await manager.update(RepoEntity, { id: repoId }, { lastIndexedAt: new Date(), indexDigest });
    });
    return {
      added: plan.added.length,
      updated: plan.updated.length,
      removed: plan.removed.length + plan.markedDeleted.length,
      unchanged: plan.unchanged,
      failures: plan.failures,
    };
  }

  private async examine(source: RepoSource, snapshot: RepoSnapshot, candidate: Candidate, existing: ExistingIndex, repoUrl: string): Promise<CandidateOutcome> {
    const known = candidate.name && candidate.version ? existing.byKey.get(versionKey(candidate.name, candidate.version)) : undefined;
    // Incremental: an index entry whose digest the catalog already holds is not read at all.
    if (known && candidate.digest && known.digest === candidate.digest) return { kind: 'unchanged', key: versionKey(known.name, known.version) };
    try {
      const bytes = await readCandidateBytes(source, candidate, this.deps.limits, { repoUrl, policy: this.policy });
      const digest = sha256Hex(bytes);
      const same = known ?? (snapshot.mode === 'listing' ? existing.byPath.get(candidate.path) : undefined);
      if (same && same.digest === digest && !candidate.digest) return { kind: 'unchanged', key: versionKey(same.name, same.version) };
      return { kind: 'staged', staged: await verifyCandidate(candidate, bytes, this.deps.limits, digest, { helm: this.deps.helm }) };
    } catch (err) {
      return { kind: 'failed', candidate, failure: toFailure(candidate, err) };
    }
  }

  /**
   * A cluster may have been created with a version between planning and now: counts are taken
   * again under the repo lock, and a version to remove that is now deployed is marked deleted
   * instead. Records of ceased clusters are dropped so the rest can go. A record written after
   * this point makes the delete fail on its foreign key, failing the run rather than the cluster.
   */
  private async settleRemovals(manager: EntityManager, repoId: string, plan: IndexPlan): Promise<void> {
    if (plan.removed.length === 0) return;
    await this.deployments.refreshRepo(manager, repoId);
    const rows = await manager.find(AppVersionEntity, { where: { id: In(plan.removed.map((v) => v.id)) }, select: { id: true, deploymentCount: true } });
    const deployed = new Set(rows.filter((row) => row.deploymentCount > 0).map((row) => row.id));
    const nowDeployed = plan.removed.filter((version) => deployed.has(version.id));
    plan.removed.splice(0, plan.removed.length, ...plan.removed.filter((version) => !deployed.has(version.id)));
    plan.markedDeleted.push(...nowDeployed.filter((version) => version.status !== 'deleted'));
    await this.deployments.dropReleased(manager, plan.removed.map((version) => version.id));
  }

  private async existing(repoId: string): Promise<ExistingIndex> {
    await this.deployments.refreshRepo(this.deps.dataSource.manager, repoId);
    const rows = await this.deps.dataSource.manager.find(AppVersionEntity, {
      where: { repoId },
      select: { id: true, appId: true, name: true, version: true, digest: true, packagePath: true, status: true, deploymentCount: true },
    });
    const all: ExistingVersion[] = rows;
    return { all, byKey: new Map(all.map((v) => [versionKey(v.name, v.version), v])), byPath: new Map(all.map((v) => [v.packagePath, v])) };
  }
}

interface ExistingIndex {
  readonly all: readonly ExistingVersion[];
  readonly byKey: ReadonlyMap<string, ExistingVersion>;
  readonly byPath: ReadonlyMap<string, ExistingVersion>;
}
