import { PitrixError } from '@pitrix/errors';

/** Where a version stands in its review and publishing life. */
export const VERSION_STATUSES = ['draft', 'submitted', 'in-review', 'passed', 'active', 'rejected', 'suspended', 'deleted'] as const;

/** A version's status. */
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** What a caller can do to a version. */
export const VERSION_ACTIONS = ['submit', 'cancel', 'startReview', 'pass', 'reject', 'release', 'suspend', 'recover', 'delete'] as const;

/** One action on a version. */
export type VersionAction = (typeof VERSION_ACTIONS)[number];

/** The catalog roles; an admin holds every role. */
export type CatalogRole = 'user' | 'developer' | 'reviewer' | 'admin';

/** Who asks, on a version of which kind of repo, with what message. */
export interface TransitionRequest {
  readonly from: VersionStatus;
  readonly action: VersionAction;
  readonly roles: readonly CatalogRole[];
  /** Only versions in public repos are reviewed; in a private repo submit goes straight to passed. */
  readonly repoVisibility: 'public' | 'private';
  readonly message?: string;
}

/** An accepted transition: the new status and the role it was done as (for the audit). */
export interface Transition {
  readonly from: VersionStatus;
  readonly to: VersionStatus;
  readonly action: VersionAction;
  readonly role: CatalogRole;
}

interface Rule {
  readonly from: readonly VersionStatus[];
  readonly to: VersionStatus;
  readonly roles: readonly CatalogRole[];
  /** Only in public repos (the review steps). */
  readonly reviewed?: boolean;
}

/**
 * The version status machine (OpenPitrix's `VersionFiniteStatusMachine`, with one review step):
 * draft → submitted → in-review → passed → active; rejected needs a message; cancel takes a
 * version back to draft; suspend and recover take an active version off the shelf and back.
 */
const RULES: Readonly<Record<VersionAction, Rule>> = {
  submit: { from: ['draft', 'rejected'], to: 'submitted', roles: ['developer'] },
  cancel: { from: ['submitted', 'in-review', 'passed'], to: 'draft', roles: ['developer', 'admin'] },
  startReview: { from: ['submitted'], to: 'in-review', roles: ['reviewer'], reviewed: true },
  pass: { from: ['in-review'], to: 'passed', roles: ['reviewer'], reviewed: true },
  reject: { from: ['in-review'], to: 'rejected', roles: ['reviewer'], reviewed: true },
  release: { from: ['passed'], to: 'active', roles: ['developer'] },
  suspend: { from: ['active'], to: 'suspended', roles: ['admin'] },
  recover: { from: ['suspended'], to: 'active', roles: ['admin'] },
  delete: { from: ['draft', 'passed', 'rejected', 'suspended'], to: 'deleted', roles: ['developer', 'admin'] },
};

/** The role a caller acts as for `action`, or undefined when it holds none of the allowed roles. */
function actingRole(roles: readonly CatalogRole[], allowed: readonly CatalogRole[]): CatalogRole | undefined {
  const direct = allowed.find((role) => roles.includes(role));
  if (direct) return direct;
  return roles.includes('admin') ? 'admin' : undefined;
}

/**
 * Decides one transition. A role that may not do the action is `AUTH.FORBIDDEN`; an action not
 * allowed from the current status (or a review step in a private repo) is
 * `CATALOG.INVALID_TRANSITION`; a reject without a message is `INPUT.INVALID`.
 */
export function decideTransition(request: TransitionRequest): Transition {
  const rule = RULES[request.action];
  const role = actingRole(request.roles, rule.roles);
  if (!role) {
    throw new PitrixError('AUTH.FORBIDDEN', `${request.action} needs the role ${rule.roles.join(' or ')}`);
  }
  const reviewed = request.repoVisibility === 'public';
  if (rule.reviewed && !reviewed) {
    throw new PitrixError('CATALOG.INVALID_TRANSITION', `${request.action}: versions in private repos are not reviewed`, [
      { path: 'action', message: 'no review in a private repo', found: request.action },
    ]);
  }
  if (!rule.from.includes(request.from)) {
    throw new PitrixError('CATALOG.INVALID_TRANSITION', `${request.action} is not allowed from ${request.from}`, [
      { path: 'status', message: `${request.action} needs one of ${rule.from.join(', ')}`, expected: rule.from.join(' | '), found: request.from },
    ]);
  }
  if (request.action === 'reject' && !request.message?.trim()) {
    throw new PitrixError('INPUT.INVALID', 'A rejection needs a message', [{ path: 'message', message: 'required when rejecting' }]);
  }
  // Without review, submitting is the whole review: the version is ready to release.
  const to = request.action === 'submit' && !reviewed ? 'passed' : rule.to;
  return { from: request.from, to, action: request.action, role };
}

/** The statuses `action` is allowed from (for documentation and tests). */
export function allowedFrom(action: VersionAction): readonly VersionStatus[] {
  return RULES[action].from;
}

/** The roles that may do `action` (admins may do everything). */
export function rolesFor(action: VersionAction): readonly CatalogRole[] {
  return RULES[action].roles;
}

/** Whether `action` is a review step (public repos only). */
export function isReviewStep(action: VersionAction): boolean {
  return RULES[action].reviewed === true;
}

/**
 * Statuses whose package digest is pinned: an index run never replaces their bytes.
 * - in-review: a reviewer is reading these bytes; a pass must approve the bytes that were read.
 * - passed, active: approved (by a reviewer, or in a private repo by the owner's submit) or, for
 *   active, published as active by the indexer (`appDefaultStatus`); anyone may deploy active.
 * - suspended: `recover` takes it back to active with no new review.
 * - deleted: never deployable again, but clusters still on it re-render from its stored bytes.
 * draft, submitted and rejected were not (or not yet) reviewed: no one has approved their bytes,
 * and a review starts from whatever is stored when it starts.
 */
const DIGEST_PINNED: ReadonlySet<VersionStatus> = new Set<VersionStatus>(['in-review', 'passed', 'active', 'suspended', 'deleted']);

/** Whether a version in `status` keeps its bytes when its repo offers new ones (see DIGEST_PINNED). */
export function isDigestPinned(status: VersionStatus): boolean {
  return DIGEST_PINNED.has(status);
}

/** App status: derived from its versions, never set directly. */
export type AppStatus = 'active' | 'draft' | 'suspended' | 'deleted';

/**
 * An app is active when any version is active; otherwise draft when any version is still in the
 * pipeline (draft, submitted, in-review, passed, rejected), suspended when one is suspended, and
 * deleted when every version is deleted or it has none.
 */
export function deriveAppStatus(statuses: readonly VersionStatus[]): AppStatus {
  if (statuses.includes('active')) return 'active';
  if (statuses.some((status) => status !== 'suspended' && status !== 'deleted')) return 'draft';
  if (statuses.includes('suspended')) return 'suspended';
  return 'deleted';
}
