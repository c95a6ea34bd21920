import type { Activities } from '@pitrix/activities';
import type { IndexRepoInput, IndexRepoResult } from '@pitrix/workflow-contract';
import { ActivityFailure, ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';

const bookkeeping = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds', maximumAttempts: 30 },
});

// Reading a large repo takes a while; it heartbeats every 200 packages. A repo that stays
// unreachable fails the run after a few attempts rather than holding the repo for hours.
const { indexRepoPackages } = proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 4 },
});

/**
 * One index run of a repo: open its RepoEvent (or stop at once when another run holds the repo),
 * index, and record the outcome. A failed run is recorded on its event and ends the workflow
 * normally; the catalog is as it was before the run.
 */
export async function indexRepoWorkflow(input: IndexRepoInput): Promise<IndexRepoResult> {
  const opened = await bookkeeping.openRepoEvent({ repoId: input.repoId, trigger: input.trigger, eventId: input.eventId, workflowId: workflowInfo().workflowId });
  if (!opened.opened) return { eventId: opened.eventId, status: 'skipped' };
  try {
    const counts = await indexRepoPackages({ repoId: input.repoId, eventId: opened.eventId });
    await bookkeeping.finishRepoEvent({ eventId: opened.eventId, outcome: { status: 'successful', counts } });
    return { eventId: opened.eventId, status: 'successful', counts };
  } catch (err) {
    const error = describeFailure(err);
    await bookkeeping.finishRepoEvent({ eventId: opened.eventId, outcome: { status: 'failed', error } });
    return { eventId: opened.eventId, status: 'failed', error };
  }
}

/** `CODE: message` of the activity's failure (the code travels as the ApplicationFailure type). */
function describeFailure(err: unknown): string {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) return cause.type ? `${cause.type}: ${cause.message}` : cause.message;
  return cause instanceof Error ? cause.message : String(cause);
}
