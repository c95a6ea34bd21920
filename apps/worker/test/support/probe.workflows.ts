// Test-only workflows: drive the provider activities the way cluster workflows do.
import type { Activities } from '@pitrix/activities';
import type { Instance } from '@pitrix/provider-contract';
import { proxyActivities, workflowInfo } from '@temporalio/workflow';

const activities = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '4 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '2 seconds', maximumAttempts: 30 },
});

/** Places and runs one instance (token derived from the workflow id), optionally terminates it. */
export async function provisionProbe(input: { runtimeId: string; terminate: boolean }): Promise<Instance> {
  const placement = await activities.placeCluster({ runtimeId: input.runtimeId });
  // A drone's credential is issued under its network's frontgate, so the frontgate comes first.
  await activities.runInstance({
    runtimeId: input.runtimeId,
    clientToken: `${workflowInfo().workflowId}/frontgate`,
    name: 'probe-frontgate',
    cpu: 1,
    memoryMiB: 128,
    networkId: placement.networkId,
    agent: { kind: 'frontgate', identity: { frontgateId: 'fg-probe', listenHost: placement.frontgateHost } },
  });
  const instance = await activities.runInstance({
    runtimeId: input.runtimeId,
    clientToken: `${workflowInfo().workflowId}/probe`,
    name: 'probe',
    cpu: 1,
    memoryMiB: 128,
    networkId: placement.networkId,
    agent: { kind: 'drone', identity: { clusterId: 'cl-probe', nodeId: 'cln-probe', role: 'probe', serverId: '1', groupId: '1', frontgateId: 'fg-probe', frontgateHost: placement.frontgateHost } },
    tags: { 'probe-workflow': workflowInfo().workflowId },
  });
  if (input.terminate) await activities.terminateInstance({ runtimeId: input.runtimeId, instanceId: instance.id });
  return instance;
}
