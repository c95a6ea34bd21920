/**
 * How an error should be treated at every boundary. `invalid`, `not_found`, `forbidden`,
 * `conflict`, `failed_precondition` (the system is not in a state where this can work, e.g. a
 * secret that no key opens) and `failed` (the operation ran and failed, so running it again would
 * repeat the failure) are never retried; `unavailable` is transient; `internal` is a bug that a
 * retry may get past.
 */
export type ErrorKind =
  | 'invalid'
  | 'failed'
  | 'not_found'
  | 'conflict'
  | 'failed_precondition'
  | 'forbidden'
  | 'unauthenticated'
  | 'unavailable'
  | 'internal';

/**
 * The closed set of Pitrix error codes. A code never changes meaning once published; clients,
 * workflows and agents compare codes, never classes or message text.
 */
export const ERROR_CODES = {
  'INPUT.INVALID': 'invalid',
  'CONFIG.INVALID': 'invalid',
  // The development master key (PITRIX_SECRET_KEYS's default) outside development mode.
  'CONFIG.DEFAULT_SECRET_KEY': 'invalid',
  'SYSTEM.DEPENDENCY_UNAVAILABLE': 'unavailable',
  'SYSTEM.INTERNAL': 'internal',
  'AUTH.FORBIDDEN': 'forbidden',
  'AUTH.UNAUTHENTICATED': 'unauthenticated',
  'SKELETON.RUN_NOT_FOUND': 'not_found',
  'SECRET.UNREADABLE': 'failed_precondition',
  'RUNTIME.PROVIDER_UNKNOWN': 'invalid',
  'RUNTIME.ZONE_NOT_FOUND': 'invalid',
  'RUNTIME.NETWORK_NOT_FOUND': 'invalid',
  'RUNTIME.OPTIONS_INVALID': 'invalid',
  'RUNTIME.QUOTA_EXCEEDED': 'failed_precondition',
  'RUNTIME.INVALID_STATE': 'failed_precondition',
  'RUNTIME.INSTANCE_NOT_FOUND': 'not_found',
  'RUNTIME.VOLUME_NOT_FOUND': 'not_found',
  'RUNTIME.NOT_FOUND': 'not_found',
  'RUNTIME.CREDENTIAL_NOT_FOUND': 'not_found',
  'RUNTIME.CREDENTIAL_REQUIRED': 'invalid',
  'RUNTIME.CREDENTIAL_INVALID': 'invalid',
  'RUNTIME.CREDENTIAL_IN_USE': 'conflict',
  'RUNTIME.IN_USE': 'conflict',
  'RUNTIME.NAME_TAKEN': 'conflict',
  'RUNTIME.NO_ELIGIBLE_RUNTIME': 'failed_precondition',
  // A runtime named for a deployment whose provider or labels the app's repo does not allow.
  'RUNTIME.NOT_ELIGIBLE': 'failed_precondition',
  'RUNTIME.PROVIDER_UNAVAILABLE': 'unavailable',
  // Deleting a runtime could not stop its frontgates; the runtime is kept.
  'RUNTIME.RETIRE_FAILED': 'unavailable',
  /** A runtime of one kind (machines, Kubernetes) used where the other is needed. */
  'RUNTIME.KIND_MISMATCH': 'invalid',
  /** The Kubernetes API server cannot be reached (transient). */
  'KUBERNETES.UNREACHABLE': 'unavailable',
  /** The credential may not do what a release needs in the namespace. */
  'KUBERNETES.FORBIDDEN': 'failed_precondition',
  /** Helm refused or failed an install, upgrade, rollback or uninstall. */
  'KUBERNETES.RELEASE_FAILED': 'failed',
  /** A workload did not become ready within its task's time. */
  'KUBERNETES.WORKLOAD_NOT_READY': 'failed',
  /** A release's Helm tests failed. */
  'KUBERNETES.TEST_FAILED': 'failed',
  /** The server-side dry run refused the rendered manifests, or the namespace's quota cannot hold them. */
  'KUBERNETES.DRY_RUN_FAILED': 'failed_precondition',
  'CLUSTER.NOT_FOUND': 'not_found',
  'CLUSTER.JOB_NOT_FOUND': 'not_found',
  'CLUSTER.BUSY': 'conflict',
  'CLUSTER.NOT_PLACED': 'failed_precondition',
  // A task ran out of its deadline before any attempt of it had ended (see cluster-model deadlines).
  'CLUSTER.TASK_DEADLINE_EXCEEDED': 'failed',
  // Application packages: loading, validation, values and rendering.
  'PACKAGE.INVALID': 'invalid',
  'PACKAGE.UNSAFE_ARCHIVE': 'invalid',
  'PACKAGE.TOO_LARGE': 'invalid',
  'PACKAGE.NOT_FOUND': 'not_found',
  'PACKAGE.VALUES_INVALID': 'invalid',
  'PACKAGE.RENDER_FAILED': 'invalid',
  /** A Helm chart that does not lint or render (`helm template` with its defaults), with Helm's message. */
  'PACKAGE.CHART_INVALID': 'invalid',
  'PACKAGE.INDEX_INVALID': 'invalid',
  // Task plans: a DAG of tasks that cannot be cut into layers.
  'PLAN.CYCLE': 'invalid',
  'PLAN.MISSING_DEPENDENCY': 'invalid',
  'PLAN.DUPLICATE_TASK': 'invalid',
  // Cluster operations refused by the planner before anything runs.
  'CLUSTER.INVALID_STATE': 'failed_precondition',
  'CLUSTER.INVALID_ARGUMENT': 'invalid',
  'CLUSTER.INVALID_OPERATION': 'invalid',
  'CLUSTER.INVALID_SIZE': 'invalid',
  'CLUSTER.ROLE_NOT_FOUND': 'not_found',
  'CLUSTER.NODE_NOT_FOUND': 'not_found',
  'CLUSTER.ACTION_NOT_FOUND': 'not_found',
  /** Horizontal scaling of a role whose package's `advancedActions` do not offer it. */
  'CLUSTER.ACTION_NOT_OFFERED': 'failed_precondition',
  'CLUSTER.PARTIAL_GROUP': 'invalid',
  'CLUSTER.SERVER_IDS_EXHAUSTED': 'failed_precondition',
  'CLUSTER.UPGRADE_INCOMPATIBLE': 'failed_precondition',
  // An upgraded batch whose nodes did not pass their health check `healthyThreshold` times in a row in time.
  'CLUSTER.UNHEALTHY_BATCH': 'failed',
  /** An alarm rule on a monitor item the role's package does not list in `monitor.alarm` (or a role without a monitor). */
  'CLUSTER.ALARM_ITEM_NOT_ALLOWED': 'invalid',
  'CLUSTER.ALARM_NOT_FOUND': 'not_found',
  /** A monitor query whose range, step or items are out of bounds. */
  'CLUSTER.MONITOR_QUERY_INVALID': 'invalid',
  /** A `service` value or blueprint link names a cluster that does not exist, is gone, or the caller may not see. */
  'CLUSTER.LINK_TARGET_NOT_FOUND': 'not_found',
  /** A link to a cluster that exists but may not be linked: another runtime or network, or an app or version the parameter's `limits` do not allow. */
  'CLUSTER.LINK_NOT_ALLOWED': 'failed_precondition',
  /** Deleting (or ceasing) a cluster that live clusters link to, without `force`. */
  'CLUSTER.LINKED': 'conflict',
  // Package repositories: where a repo's packages are read from and written to.
  'REPO.URL_INVALID': 'invalid',
  'REPO.UNREACHABLE': 'unavailable',
  'REPO.CREDENTIALS_REJECTED': 'invalid',
  'REPO.NOT_FOUND': 'not_found',
  'REPO.FILE_NOT_FOUND': 'not_found',
  'REPO.READ_ONLY': 'failed_precondition',
  /** An outbound fetch to a loopback, link-local, private or metadata address that PITRIX_FETCH_ALLOW does not allow, or a package URL off the repo's host. */
  'REPO.DESTINATION_REFUSED': 'failed_precondition',
  /** A redirect to another scheme, host or port, or more redirects than the fetcher follows. */
  'REPO.REDIRECT_REFUSED': 'failed_precondition',
  // The catalog: repos, apps, versions, reviews and categories.
  'CATALOG.REPO_NOT_FOUND': 'not_found',
  'CATALOG.REPO_NAME_TAKEN': 'conflict',
  'CATALOG.REPO_IN_USE': 'conflict',
  'CATALOG.REPO_EVENT_NOT_FOUND': 'not_found',
  'CATALOG.APP_NOT_FOUND': 'not_found',
  'CATALOG.VERSION_NOT_FOUND': 'not_found',
  'CATALOG.VERSION_EXISTS': 'conflict',
  // A version the caller can see but may not deploy in its status (see docs/catalog.md).
  'CATALOG.VERSION_NOT_DEPLOYABLE': 'failed_precondition',
  'CATALOG.INVALID_TRANSITION': 'failed_precondition',
  'CATALOG.CATEGORY_NOT_FOUND': 'not_found',
  'CATALOG.CATEGORY_NAME_TAKEN': 'conflict',
  'CATALOG.DIGEST_MISMATCH': 'invalid',
  // The agent plane: pilot, frontgates and drones.
  'AGENT.DRONE_UNREACHABLE': 'unavailable',
  'AGENT.FRONTGATE_UNREACHABLE': 'unavailable',
  'AGENT.FRONTGATE_NOT_FOUND': 'not_found',
  'AGENT.DRONES_NOT_READY': 'unavailable',
  'AGENT.COMMAND_TIMED_OUT': 'failed',
  'AGENT.COMMAND_FAILED': 'failed',
  'AGENT.COMMAND_INTERRUPTED': 'failed',
  'AGENT.COMMAND_INVALID': 'invalid',
  'AGENT.PROTOCOL_ERROR': 'internal',
  'AGENT.CREDENTIAL_REJECTED': 'unauthenticated',
  // A job stopped by cancelJob (its workflow was cancelled).
  'CLUSTER.JOB_CANCELLED': 'failed',
  // A job's workflow start failed in a way that does not say whether Temporal started it (a timeout,
  // the server unreachable) and describing the workflow did not settle it; the job's spec is kept.
  'CLUSTER.JOB_START_UNKNOWN': 'unavailable',
  // A subscriber fell more events behind than the API buffers for it; it resubscribes from its last event.
  'SUBSCRIPTION.TOO_SLOW': 'unavailable',
  // Accounts: users, groups, tokens and password logins.
  'AUTH.THROTTLED': 'unavailable',
  'ACCOUNT.USER_NOT_FOUND': 'not_found',
  'ACCOUNT.GROUP_NOT_FOUND': 'not_found',
  'ACCOUNT.TOKEN_NOT_FOUND': 'not_found',
  'ACCOUNT.LOGIN_TAKEN': 'conflict',
  'ACCOUNT.GROUP_TAKEN': 'conflict',
} as const satisfies Record<string, ErrorKind>;

/** One of the stable, dotted error codes (`DOMAIN.REASON`). */
export type ErrorCode = keyof typeof ERROR_CODES;

/** True when `value` is one of the published error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

/** The kind of a code, which decides retries and the HTTP/GraphQL class of the error. */
export function kindOf(code: ErrorCode): ErrorKind {
  return ERROR_CODES[code];
}

/** Whether an operation that failed with `code` may succeed if simply tried again. */
export function isRetryable(code: ErrorCode): boolean {
  const kind = kindOf(code);
  return kind === 'unavailable' || kind === 'internal';
}
