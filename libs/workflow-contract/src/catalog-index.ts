/** Workflow type name of a repo index run. */
export const INDEX_REPO_WORKFLOW_TYPE = 'indexRepoWorkflow';

/** Why an index run started. */
export type IndexRepoTrigger = 'create' | 'update' | 'manual' | 'schedule';

/** Input of `indexRepoWorkflow`. */
export interface IndexRepoInput {
  readonly repoId: string;
  readonly trigger: IndexRepoTrigger;
  /** The pending event the API opened for this run; a scheduled run opens its own. */
  readonly eventId?: string;
}

/** The counts of a finished run, and the packages it could not take. */
export interface IndexRepoCounts {
  readonly added: number;
  readonly updated: number;
  readonly removed: number;
  readonly unchanged: number;
  readonly failures: ReadonlyArray<{ readonly name: string; readonly version: string; readonly path: string; readonly code: string; readonly reason: string }>;
}

/** What `indexRepoWorkflow` returns: `skipped` when another run of the repo was unfinished. */
export interface IndexRepoResult {
  readonly eventId: string;
  readonly status: 'successful' | 'failed' | 'skipped';
  readonly counts?: IndexRepoCounts;
  readonly error?: string;
}

/** Workflow id of on-demand runs of a repo: one id per repo, so one such run at a time. */
export function indexRepoWorkflowId(repoId: string): string {
  return `catalog-index-${repoId}`;
}

/** Id of a repo's Temporal Schedule (its runs get this id plus a timestamp). */
export function indexRepoScheduleId(repoId: string): string {
  return `catalog-index-schedule-${repoId}`;
}
