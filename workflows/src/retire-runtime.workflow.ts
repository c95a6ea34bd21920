import type { Activities } from '@pitrix/activities';
import type { RetireRuntimeInput, RetireRuntimeResult } from '@pitrix/workflow-contract';
import { patched, proxyActivities } from '@temporalio/workflow';

// The delete waits for this workflow: a provider that stays unreachable fails it within about a
// minute (and the runtime stays) rather than holding the caller for hours.
const retirement = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '15 seconds', maximumAttempts: 6 },
});

/** Marks runs that also release the runtime's placements; histories recorded before replay without it. */
const RELEASE_PLACEMENTS = 'release-runtime-placements';

/**
 * Retires a runtime that is being deleted: terminates the instances of each of its frontgates,
 * then revokes the frontgate's credentials, so nothing of the runtime keeps running or can connect
 * to the hub, and releases what its placements kept (frontgate addresses, a local network's
 * bridge). Every step is idempotent; a run after a failed one finishes what it began.
 */
export async function retireRuntimeWorkflow(input: RetireRuntimeInput): Promise<RetireRuntimeResult> {
  const frontgates = await retirement.runtimeFrontgates({ runtimeId: input.runtimeId });
  const terminatedInstanceIds: string[] = [];
  for (const frontgate of frontgates) {
    for (const instanceId of frontgate.instanceIds) {
      await retirement.terminateInstance({ runtimeId: input.runtimeId, instanceId });
      terminatedInstanceIds.push(instanceId);
    }
    await retirement.revokeRetiredFrontgate({ frontgateId: frontgate.frontgateId });
  }
  if (patched(RELEASE_PLACEMENTS)) await retirement.releaseRuntimePlacements({ runtimeId: input.runtimeId });
  return { frontgateIds: frontgates.map((frontgate) => frontgate.frontgateId), terminatedInstanceIds };
}
