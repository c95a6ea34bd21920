export { CategoryStore } from './category-store.js';
export { DeploymentLedger } from './deployment-ledger.js';
export {
  AppEntity,
  AppVersionEntity,
  CategoryEntity,
  RepoEntity,
  RepoEventEntity,
  VersionAuditEntity,
} from './entities.js';
export type { AppDefaultStatus, IndexFailure, Maintainer, RepoEventStatus, RepoEventTrigger, RepoVisibility, VersionKind, VersionMetadata, VersionSource } from './entities.js';
export { INDEXER_ACTOR } from './indexer/apply-plan.js';
export { MAX_INDEX_BYTES, readSnapshot } from './indexer/candidates.js';
export type { Candidate, RepoSnapshot } from './indexer/candidates.js';
export { chartVersionMetadata, verifyCandidate, verifyChart } from './indexer/fetch-candidate.js';
export type { StagedPackage, VerifyOptions } from './indexer/fetch-candidate.js';
export { RepoIndexer } from './indexer/repo-indexer.js';
export type { RepoIndexerDeps } from './indexer/repo-indexer.js';
export { RepoEventStore } from './repo-event-store.js';
export type { IndexCounts, OpenedEvent } from './repo-event-store.js';
export { RepoStore } from './repo-store.js';
export type { NewRepo, Ownership, RepoChanges } from './repo-store.js';
export { CATALOG_APPS_CHANNEL, catalogSchema } from './schema.js';
export { openRepoSource, parseRepoUrl, REPO_SCHEMES } from './sources/open-source.js';
export type { RepoSourceOptions } from './sources/open-source.js';
export type { RepoCredential, RepoFile, RepoSource } from './sources/repo-source.js';
export {
  allowedFrom,
  decideTransition,
  deriveAppStatus,
  isDigestPinned,
  isReviewStep,
  rolesFor,
  VERSION_ACTIONS,
  VERSION_STATUSES,
} from './status-machine.js';
export type { AppStatus, CatalogRole, Transition, TransitionRequest, VersionAction, VersionStatus } from './status-machine.js';
export { VersionStore } from './version-store.js';
export type { Actor } from './version-store.js';
export { publishPackage } from './sources/publish-package.js';
export type { PublishedArchive } from './sources/publish-package.js';
