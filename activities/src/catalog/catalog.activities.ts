import type { RepoEventStore, RepoIndexer } from '@pitrix/catalog-store';
import type { IndexRepoCounts, IndexRepoTrigger } from '@pitrix/workflow-contract';
import { heartbeat } from '@temporalio/activity';

/** What the catalog activities need. */
export interface CatalogDeps {
  readonly catalog: {
    readonly indexer: RepoIndexer;
    readonly events: RepoEventStore;
  };
}

/** Input of `openRepoEvent`. */
export interface OpenRepoEventInput {
  readonly repoId: string;
  readonly trigger: IndexRepoTrigger;
  readonly eventId?: string;
  readonly workflowId: string;
}

/** How a run ended, for `finishRepoEvent`. */
export type RepoEventOutcome = { readonly status: 'successful'; readonly counts: IndexRepoCounts } | { readonly status: 'failed'; readonly error: string };

/**
 * Activities of the repo indexer. Each is idempotent: opening an event with a known id returns
 * it, starting and finishing an event leave a finished one alone, and an index run writes the
 * catalog in one transaction from a fresh comparison, so running it again after a crash applies
 * nothing twice.
 */
export function createCatalogActivities(deps: CatalogDeps) {
  return {
    /** Opens the run's event, or reports the unfinished event that already holds the repo. */
    async openRepoEvent(input: OpenRepoEventInput): Promise<{ opened: boolean; eventId: string }> {
      const result = await deps.catalog.events.open(input.repoId, input.trigger, { id: input.eventId, workflowId: input.workflowId });
      if (result.opened) await deps.catalog.events.attachWorkflow(result.event.id, input.workflowId);
      return { opened: result.opened, eventId: result.event.id };
    },

    /** Marks the event working and indexes the repo (every catalog write in one transaction). */
    async indexRepoPackages(input: { repoId: string; eventId: string }): Promise<IndexRepoCounts> {
      await deps.catalog.events.start(input.eventId);
      const counts = await deps.catalog.indexer.index(input.repoId, { heartbeat: (done) => heartbeat({ done }) });
      return { ...counts, failures: [...counts.failures] };
    },

    /** Records how the run ended. */
    async finishRepoEvent(input: { eventId: string; outcome: RepoEventOutcome }): Promise<void> {
      if (input.outcome.status === 'successful') await deps.catalog.events.succeed(input.eventId, input.outcome.counts);
      else await deps.catalog.events.fail(input.eventId, input.outcome.error);
    },
  };
}
