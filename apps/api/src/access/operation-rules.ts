import type { Role } from './caller.js';

/** The root types of the schema whose fields are operations. */
export type OperationType = 'Query' | 'Mutation' | 'Subscription';

/**
 * Who may call one operation: any signed-in caller (`signedIn`), or callers holding one of
 * `roles` (an admin holds every role). Resources the caller may not see stay invisible inside an
 * allowed operation (`…NOT_FOUND`); that rule lives in owner-paths.ts.
 */
export interface OperationRule {
  readonly allowed: 'signedIn' | readonly Role[];
  /** Why, as shown in docs/access.md. */
  readonly note: string;
}

const SIGNED_IN = 'signedIn' as const;
const anyone = (note: string): OperationRule => ({ allowed: SIGNED_IN, note });
const only = (roles: readonly Role[], note: string): OperationRule => ({ allowed: roles, note });

/**
 * The role matrix: every query, mutation and subscription of the schema. An operation missing
 * here is refused (and the matrix test fails), so a new operation cannot ship unguarded.
 */
export const OPERATION_RULES: Readonly<Record<OperationType, Readonly<Record<string, OperationRule>>>> = {
  Query: {
    me: anyone('the caller itself'),
    tokens: anyone('the caller’s own tokens'),
    systemStatus: anyone('health of the platform’s dependencies'),
    providers: anyone('the providers this installation offers'),
    zones: anyone('zones of a provider'),
    runtimes: anyone('runtimes the caller may see'),
    runtime: anyone('a runtime the caller may see'),
    credentials: anyone('credentials the caller may see (secrets never returned)'),
    credential: anyone('a credential the caller may see (secret never returned)'),
    repos: anyone('repos the caller owns and public repos'),
    repo: anyone('a repo the caller owns or a public one'),
    repoEvents: anyone('index runs of repos the caller owns'),
    apps: anyone('apps the caller owns and active apps of public repos'),
    app: anyone('an app the caller may see'),
    appVersions: anyone('versions the caller owns and active versions of public repos (reviewers: all of public repos)'),
    appVersion: anyone('a version the caller may see'),
    appVersionPackage: anyone('the package files of a version the caller may see'),
    audits: anyone('review history of versions the caller owns (reviewers: all)'),
    categories: anyone('catalog categories'),
    category: anyone('one catalog category'),
    eligibleRuntimes: anyone('runtimes the caller may see that can run an app'),
    clusters: anyone('clusters the caller may see'),
    cluster: anyone('a cluster the caller may see'),
    clusterEvents: anyone('events of a cluster the caller may see'),
    planClusterOperation: anyone('as the mutation it plans (an own cluster; CREATE from a packageUrl needs admin); read-only tokens too, as a plan starts nothing and shows nothing the caller may not see'),
    jobs: anyone('jobs of clusters the caller may see'),
    job: anyone('a job of a cluster the caller may see'),
    jobHistory: only(['admin'], 'raw workflow history: internal payloads of every task'),
    skeletonRun: only(['admin'], 'platform self-test runs'),
    users: only(['admin'], 'user administration'),
    user: only(['admin'], 'user administration'),
    groups: only(['admin'], 'group administration'),
    securityEvents: only(['admin'], 'the security audit log'),
  },
  Mutation: {
    createToken: anyone('a personal access token for the caller'),
    revokeToken: anyone('one of the caller’s own tokens'),
    createRuntime: anyone('own runtime; the local provider needs admin (its hooks run on the control host)'),
    updateRuntime: anyone('own runtime'),
    deleteRuntime: anyone('own runtime'),
    setRuntimeHealing: anyone('own runtime: its meltdown limits'),
    releaseMeltdown: only(['admin'], 'lets healing go on through a meltdown, which stops it for good reason'),
    validateRuntime: anyone('a runtime the caller may see, checked live with its own credential'),
    createCredential: anyone('own credential'),
    updateCredential: anyone('own credential'),
    deleteCredential: anyone('own credential'),
    validateCredential: anyone('own credential'),
    createRepo: only(['developer'], 'own repo; file:// repos and public visibility need admin'),
    updateRepo: only(['developer'], 'own repo; file:// repos and public visibility need admin'),
    deleteRepo: only(['developer'], 'own repo'),
    validateRepo: only(['developer'], 'checks a repo URL before adding it; file:// needs admin'),
    indexRepo: only(['developer'], 'own repo'),
    uploadPackage: only(['developer'], 'into an own writable repo'),
    submitVersion: only(['developer'], 'own version'),
    cancelVersion: only(['developer'], 'own version'),
    releaseVersion: only(['developer'], 'own version'),
    deleteVersion: only(['developer'], 'own version'),
    reviewVersion: only(['reviewer'], 'versions of public repos'),
    passVersion: only(['reviewer'], 'versions of public repos'),
    rejectVersion: only(['reviewer'], 'versions of public repos'),
    suspendVersion: only(['admin'], 'takes an active version off the shelf'),
    recoverVersion: only(['admin'], 'puts a suspended version back'),
    createCategory: only(['admin'], 'catalog categories'),
    updateCategory: only(['admin'], 'catalog categories'),
    deleteCategory: only(['admin'], 'catalog categories'),
    createCluster: anyone('on a runtime the caller may see; from a packageUrl (a path on the API’s machine) needs admin; linked clusters (`service` values) must be ones the caller may see'),
    setClusterHealing: anyone('own cluster'),
    setClusterAlarm: anyone('own cluster: an alarm rule on a monitor item its package offers'),
    removeClusterAlarm: anyone('own cluster'),
    startCluster: anyone('own cluster'),
    stopCluster: anyone('own cluster'),
    restartCluster: anyone('own cluster'),
    deleteCluster: anyone('own cluster; one that live clusters link to needs `force`, and names only the linking clusters the caller may see'),
    recoverCluster: anyone('own cluster'),
    ceaseCluster: anyone('own cluster; as deleteCluster for links'),
    addNodes: anyone('own cluster'),
    deleteNodes: anyone('own cluster'),
    resizeCluster: anyone('own cluster'),
    upgradeCluster: anyone('own cluster'),
    updateClusterEnv: anyone('own cluster'),
    runClusterAction: anyone('own cluster'),
    backupCluster: anyone('own cluster'),
    restoreCluster: anyone('own cluster'),
    deleteClusterBackup: anyone('own cluster'),
    cancelJob: anyone('job of an own cluster'),
    retryJob: anyone('job of an own cluster'),
    rollbackJob: anyone('job of an own cluster'),
    rebuildProjections: only(['admin'], 'rebuilds every read model from the event store'),
    rotateKeys: only(['admin'], 're-seals every stored secret under the newest master key (answers counts and ids, never a secret)'),
    startSkeletonRun: only(['admin'], 'platform self-test'),
    createUser: only(['admin'], 'user administration'),
    updateUser: only(['admin'], 'user administration (roles, status)'),
    setUserPassword: only(['admin'], 'user administration'),
    createGroup: only(['admin'], 'group administration'),
    deleteGroup: only(['admin'], 'group administration'),
    setGroupMember: only(['admin'], 'membership administration'),
    removeGroupMember: only(['admin'], 'membership administration'),
  },
  Subscription: {
    clusterEvents: anyone('events of a cluster the caller may see'),
    jobProgress: anyone('progress of a job of a cluster the caller may see'),
    clusterHealth: anyone('health of a cluster the caller may see'),
  },
};

/** What an operation needs, or undefined when the matrix has no entry (refused). */
export function ruleFor(type: OperationType, field: string): OperationRule | undefined {
  return Object.hasOwn(OPERATION_RULES[type], field) ? OPERATION_RULES[type][field] : undefined;
}
