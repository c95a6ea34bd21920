import { createHash } from 'node:crypto';

/**
 * The id of the command an activity runs, the same on every retry of that activity and different
 * for every other activity: workflow id, run id and activity id, hashed into one subject token.
 */
export function commandIdFor(activity: { workflowId: string; runId: string; activityId: string }): string {
  const digest = createHash('sha256').update(`${activity.workflowId}\n${activity.runId}\n${activity.activityId}`).digest('hex');
  return `act-${digest.slice(0, 40)}`;
}
