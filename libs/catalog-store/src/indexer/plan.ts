import type { IndexFailure } from '../entities.js';
import { isDigestPinned, type VersionStatus } from '../status-machine.js';
import type { Candidate } from './candidates.js';
import type { StagedPackage } from './fetch-candidate.js';
import { pinnedDigestFailure } from './pinned-digest.js';

/** A version the catalog already holds for the repo (without its bytes). */
export interface ExistingVersion {
  readonly id: string;
  readonly appId: string;
  readonly name: string;
  readonly version: string;
  readonly digest: string;
  readonly packagePath: string;
  readonly status: VersionStatus;
  readonly deploymentCount: number;
}

/** What one run will write: everything decided before the transaction opens. */
export interface IndexPlan {
  readonly added: StagedPackage[];
  /** Same name and version, new digest, and a status whose digest is not pinned: replaced in place. */
  readonly updated: Array<{ readonly existing: ExistingVersion; readonly staged: StagedPackage }>;
  /** Gone from the repo and never deployed: the rows are deleted. */
  readonly removed: ExistingVersion[];
  /** Gone from the repo but deployed somewhere: kept, marked deleted. */
  readonly markedDeleted: ExistingVersion[];
  readonly unchanged: number;
  readonly failures: IndexFailure[];
}

/** The key of a version within a repo. */
export function versionKey(name: string, version: string): string {
  return `${name}@${version}`;
}

/** The outcome of looking at one candidate. */
export type CandidateOutcome =
  | { readonly kind: 'unchanged'; readonly key: string }
  | { readonly kind: 'staged'; readonly staged: StagedPackage }
  | { readonly kind: 'failed'; readonly candidate: Candidate; readonly failure: IndexFailure };

/**
 * Decides a run from the candidates' outcomes: a staged package is added or (same name and
 * version, new digest) updated, unless the version's digest is pinned (reviewed bytes), which is
 * a failure that keeps the version as it is; a failed one leaves its existing version as it is; a
 * version the repo no longer offers is removed when it was never deployed, otherwise marked deleted.
 */
export function planIndex(existing: readonly ExistingVersion[], outcomes: readonly CandidateOutcome[]): IndexPlan {
  const byKey = new Map(existing.map((version) => [versionKey(version.name, version.version), version]));
  const seen = new Set<string>();
  const plan: { -readonly [K in keyof IndexPlan]: IndexPlan[K] } = { added: [], updated: [], removed: [], markedDeleted: [], unchanged: 0, failures: [] };
  for (const outcome of outcomes) {
    if (outcome.kind === 'unchanged') {
      seen.add(outcome.key);
      plan.unchanged++;
    } else if (outcome.kind === 'failed') {
      plan.failures.push(outcome.failure);
      // Keep whatever the catalog holds for this archive: a bad copy must not remove a good version.
      if (outcome.candidate.name && outcome.candidate.version) seen.add(versionKey(outcome.candidate.name, outcome.candidate.version));
      for (const version of existing) if (version.packagePath === outcome.candidate.path) seen.add(versionKey(version.name, version.version));
    } else {
      const key = versionKey(outcome.staged.name, outcome.staged.version);
      if (seen.has(key)) {
        plan.failures.push({ name: outcome.staged.name, version: outcome.staged.version, path: outcome.staged.path, code: 'CATALOG.VERSION_EXISTS', reason: `${key} is offered twice; ${outcome.staged.path} was ignored` });
        continue;
      }
      seen.add(key);
      const current = byKey.get(key);
      if (!current) plan.added.push(outcome.staged);
      else if (current.digest === outcome.staged.digest) plan.unchanged++;
      else if (isDigestPinned(current.status)) plan.failures.push(pinnedDigestFailure(current, outcome.staged));
      else plan.updated.push({ existing: current, staged: outcome.staged });
    }
  }
  for (const version of existing) {
    if (seen.has(versionKey(version.name, version.version))) continue;
    if (version.deploymentCount > 0) {
      if (version.status !== 'deleted') plan.markedDeleted.push(version);
    } else plan.removed.push(version);
  }
  return plan;
}
