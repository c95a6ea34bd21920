import { Inject, Injectable } from '@nestjs/common';
import { RepoEventStore, type RepoEntity, type RepoEventEntity, type RepoEventTrigger } from '@pitrix/catalog-store';
import type { ApiConfig } from '@pitrix/config';
import { PitrixError } from '@pitrix/errors';
import { INDEX_REPO_WORKFLOW_TYPE, indexRepoWorkflowId, type IndexRepoInput } from '@pitrix/workflow-contract';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { API_CONFIG, TEMPORAL_CLIENT } from '../clients/tokens.js';

/** An unfinished event older than this whose workflow is closed was left by a run that died. */
const STALE_AFTER_MS = 30_000;

/** Longest a request waits for the repo's previous workflow to close before it gives up. */
const PREVIOUS_RUN_CLOSE_MS = 20_000;

/**
 * Starts index runs. The pending RepoEvent is written first; the database allows one unfinished
 * event per repo, so of two requests at the same moment one opens the run and the other gets
 * that same event back. The workflow id is one per repo as well. A workflow of the repo that is
 * still running when a new event opened has already finished its own event and is closing; the
 * new run starts once it has closed (joining it would leave the new event pending for ever).
 */
@Injectable()
export class RepoIndexRuns {
  constructor(
    private readonly events: RepoEventStore,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Requests a run of the repo; returns its event (the unfinished one when a run is going). */
  async request(repo: RepoEntity, trigger: RepoEventTrigger): Promise<RepoEventEntity> {
    const opened = await this.events.open(repo.id, trigger);
    if (!opened.opened) {
      if (!(await this.isStale(opened.event))) return opened.event;
      await this.events.fail(opened.event.id, 'the run ended without recording its outcome');
      return this.request(repo, trigger);
    }
    const workflowId = indexRepoWorkflowId(repo.id);
    const input: IndexRepoInput = { repoId: repo.id, trigger, eventId: opened.event.id };
    try {
      await this.start(workflowId, input);
    } catch (err) {
      await this.events.fail(opened.event.id, `the run could not start: ${(err as Error).message}`);
      throw new PitrixError('SYSTEM.DEPENDENCY_UNAVAILABLE', `Temporal did not start the index run: ${(err as Error).message}`);
    }
    await this.events.attachWorkflow(opened.event.id, workflowId);
    return this.events.get(opened.event.id);
  }

  private async start(workflowId: string, input: IndexRepoInput): Promise<void> {
    const deadline = Date.now() + PREVIOUS_RUN_CLOSE_MS;
    for (;;) {
      try {
        await this.temporal.workflow.start(INDEX_REPO_WORKFLOW_TYPE, {
          taskQueue: this.config.temporal.taskQueue,
          workflowId,
          args: [input],
          workflowIdConflictPolicy: 'FAIL',
          workflowIdReusePolicy: 'ALLOW_DUPLICATE',
        });
        return;
      } catch (err) {
        const left = deadline - Date.now();
        if (!(err instanceof WorkflowExecutionAlreadyStartedError) || left <= 0) throw err;
        const closed = this.temporal.workflow.getHandle(workflowId).result().catch(() => undefined);
        await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, Math.min(left, 1000)))]);
      }
    }
  }

  private async isStale(event: RepoEventEntity): Promise<boolean> {
    if (!event.workflowId || Date.now() - event.createdAt.getTime() < STALE_AFTER_MS) return false;
    try {
      const description = await this.temporal.workflow.getHandle(event.workflowId).describe();
      return description.status.name !== 'RUNNING';
    } catch {
      return true;
    }
  }
}
