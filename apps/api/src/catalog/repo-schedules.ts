import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@pitrix/config';
import { PitrixError } from '@pitrix/errors';
import { INDEX_REPO_WORKFLOW_TYPE, indexRepoScheduleId, indexRepoWorkflowId, type IndexRepoInput } from '@pitrix/workflow-contract';
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleOptionsAction } from '@temporalio/client';
import { API_CONFIG, TEMPORAL_CLIENT } from '../clients/tokens.js';

/**
 * One Temporal Schedule per repo starts `indexRepoWorkflow` every `indexIntervalSeconds`. Its
 * overlap policy is SKIP, and a scheduled run that finds the repo held by another run stops at
 * once, so runs of a repo never overlap.
 */
@Injectable()
export class RepoSchedules {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Creates (or, when it exists, updates) the schedule of a repo. */
  async upsert(repoId: string, intervalSeconds: number): Promise<void> {
    const spec = { intervals: [{ every: `${intervalSeconds}s` }] };
    const action = this.action(repoId);
    try {
      await this.temporal.schedule.create({ scheduleId: indexRepoScheduleId(repoId), spec, action, policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' } });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw unavailable(err);
      await this.temporal.schedule.getHandle(indexRepoScheduleId(repoId)).update((previous) => ({ ...previous, spec, action })).catch((e: unknown) => {
        throw unavailable(e);
      });
    }
  }

  /** Deletes the schedule of a repo; a schedule already gone is not an error. */
  async delete(repoId: string): Promise<void> {
    try {
      await this.temporal.schedule.getHandle(indexRepoScheduleId(repoId)).delete();
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw unavailable(err);
    }
  }

  private action(repoId: string): ScheduleOptionsAction {
    const input: IndexRepoInput = { repoId, trigger: 'schedule' };
    return { type: 'startWorkflow', workflowType: INDEX_REPO_WORKFLOW_TYPE, workflowId: `${indexRepoWorkflowId(repoId)}-scheduled`, taskQueue: this.config.temporal.taskQueue, args: [input] };
  }
}

function unavailable(err: unknown): PitrixError {
  return new PitrixError('SYSTEM.DEPENDENCY_UNAVAILABLE', `Temporal refused the repo schedule: ${(err as Error).message}`);
}
