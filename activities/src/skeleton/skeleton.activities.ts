import type { NatsConnection } from '@nats-io/transport-node';
import { SkeletonRunEntity } from '@pitrix/db';
import { skeletonSubject } from '@pitrix/workflow-contract';
import { activityInfo, heartbeat, sleep } from '@temporalio/activity';
import type { DataSource } from 'typeorm';

/** What the skeleton activities need from the outside world. */
export interface SkeletonDeps {
  readonly dataSource: DataSource;
  readonly nats: NatsConnection;
}

/** Input of `recordSkeletonRun`: the run to record and how long to "work" first. */
export interface RecordSkeletonRunInput {
  readonly runId: string;
  readonly message: string;
  readonly workMs: number;
}

/** Result of `recordSkeletonRun`. */
export interface RecordSkeletonRunResult {
  readonly subject: string;
  readonly attempt: number;
}

/**
 * Activities of the walking skeleton. `recordSkeletonRun` is idempotent: the row is keyed by the
 * run id, so a retry after a worker crash writes nothing twice; the publish is at-least-once.
 */
export function createSkeletonActivities(deps: SkeletonDeps) {
  return {
    async recordSkeletonRun(input: RecordSkeletonRunInput): Promise<RecordSkeletonRunResult> {
      const info = activityInfo();
      for (let waited = 0; waited < input.workMs; waited += 200) {
        heartbeat({ waited });
        await sleep(Math.min(200, input.workMs - waited));
      }
      await deps.dataSource
        .createQueryBuilder()
        .insert()
        .into(SkeletonRunEntity)
        .values({ runId: input.runId, workflowId: info.workflowExecution?.workflowId ?? input.runId, message: input.message, attempt: info.attempt })
        .orIgnore()
        .execute();
      const subject = skeletonSubject(input.runId);
      deps.nats.publish(subject, JSON.stringify({ runId: input.runId, message: input.message, attempt: info.attempt }));
      await deps.nats.flush();
      return { subject, attempt: info.attempt };
    },
  };
}
