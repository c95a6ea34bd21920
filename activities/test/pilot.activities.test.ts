import type { NatsConnection } from '@nats-io/transport-node';
import { createAgentPlane, SimulatedDroneFleet, type AgentPlane, type CommandOutcome, type DroneInfoView, type MetadataWriteResult, type NodeIdentity } from '@pitrix/agent-plane';
import { createTestDatabase, startTestFrontgate, startTestNatsHub, type TestDatabase, type TestFrontgate, type TestNatsHub } from '@pitrix/testing';
import { hasErrorCode, toApplicationFailure } from '@pitrix/errors';
import type { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentsSchema, systemSchema } from '@pitrix/db';
import { commandIdFor } from '../src/index.js';
import { createPilotActivities } from '../src/pilot/pilot.activities.js';

const node = (nodeId: string): NodeIdentity => ({ clusterId: 'cl-1', nodeId, role: '', serverId: 1, groupId: 1 });

async function failure(promise: Promise<unknown>): Promise<{ code?: string; message: string; nonRetryable?: boolean }> {
  try {
    await promise;
  } catch (err) {
    const mapped = toApplicationFailure(err) as ApplicationFailure;
    return { code: (err as { code?: string }).code, message: (err as Error).message, nonRetryable: mapped.nonRetryable ?? undefined };
  }
  throw new Error('expected the activity to fail');
}

describe('pilot activities against a real hub, a real frontgate and simulated drones', () => {
  let hub: TestNatsHub;
  let db: TestDatabase;
  let nats: NatsConnection;
  let agents: AgentPlane;
  let frontgate: TestFrontgate;
  let fleet: SimulatedDroneFleet;
  let activities: ReturnType<typeof createPilotActivities>;

  beforeAll(async () => {
    [hub, db] = await Promise.all([startTestNatsHub(), createTestDatabase('pilot_activities', [systemSchema, agentsSchema])]);
    nats = await hub.connect();
    agents = await createAgentPlane(nats, hub.natsConfig);
    frontgate = await startTestFrontgate(agents, { frontgateId: 'fg-p' });
    fleet = await SimulatedDroneFleet.start({
      credentials: agents.credentials,
      networks: [{ frontgateId: 'fg-p', url: frontgate.url, nodes: [node('n1'), node('n2')] }],
      behaviour: (command) =>
        command.cmd === 'fail' ? { exitCode: 2, stderr: 'it broke\n' } : command.cmd === 'slow' ? { exitCode: 0, stdout: 'slow\n', workMs: 5_500 } : { exitCode: 0, stdout: 'ok\n' },
    });
    activities = createPilotActivities({ agentPlane: agents });
  });
  afterAll(async () => {
    await fleet?.stop();
    await frontgate?.stop();
    await agents?.close();
    await nats?.close();
    await Promise.all([hub?.stop(), db?.drop()]);
  });

  it('runCommand returns the outcome; a retried attempt of the same activity runs nothing again', async () => {
    const before = fleet.executions;
    const first = await new MockActivityEnvironment({ attempt: 1 }).run(activities.runCommand, 'fg-p', 'n1', { cmd: 'hello' });
    const retry = await new MockActivityEnvironment({ attempt: 2 }).run(activities.runCommand, 'fg-p', 'n1', { cmd: 'hello' });
    expect(first).toMatchObject({ exitCode: 0, stdoutTail: 'ok\n' });
    expect(retry).toEqual(first);
    expect(fleet.executions - before).toBe(1);
  });

  it('heartbeats with the drone progress while a command runs', async () => {
    const env = new MockActivityEnvironment({ activityId: 'slow-one' });
    const beats: unknown[] = [];
    env.on('heartbeat', (details: unknown) => beats.push(details));
    const outcome = (await env.run(activities.runCommand, 'fg-p', 'n2', { cmd: 'slow', id: 'slow-1' })) as CommandOutcome;
    expect(outcome.stdoutTail).toBe('slow\n');
    expect(beats).toContainEqual(expect.objectContaining({ commandId: 'slow-1', state: 'running' }));
  });

  it.each([
    ['a failing command: non-retryable, exit code and output in the message', 'n1', 'fail', 'AGENT.COMMAND_FAILED', true, /exit code 2: it broke/],
    ['a node without a drone: retryable', 'n9', 'hello', 'AGENT.DRONE_UNREACHABLE', false, /unreachable/],
  ])('runCommand reports %s', async (_name, nodeId, cmd, code, nonRetryable, message) => {
    const result = await failure(new MockActivityEnvironment().run(activities.runCommand, 'fg-p', nodeId, { cmd, id: `case-${nodeId}-${cmd}`, unreachableAfterMs: 500 }));
    expect(result).toMatchObject({ code, nonRetryable });
    expect(result.message).toMatch(message);
  });

  it('writeMetadata returns a growing revision and deleteMetadata removes the cluster', async () => {
    const env = new MockActivityEnvironment();
    const first: MetadataWriteResult = await env.run(activities.writeMetadata, 'fg-p', 'cl-1', { cluster: { cluster_id: 'cl-1' }, hosts: [{ node_id: 'n1', ip: '127.0.0.1', role: '', sid: 1, gid: 1 }] });
    const second: MetadataWriteResult = await env.run(activities.writeMetadata, 'fg-p', 'cl-1', { env: { a: '1' } });
    expect(second.revision).toBeGreaterThan(first.revision);
    const deleted: MetadataWriteResult = await env.run(activities.deleteMetadata, 'fg-p', 'cl-1');
    expect(deleted.revision).toBeGreaterThan(second.revision);
  });

  it('waitForDrones returns what each drone says, and names the ones that never answer', async () => {
    const env = new MockActivityEnvironment();
    const infos: DroneInfoView[] = await env.run(activities.waitForDrones, 'fg-p', ['n1', 'n2'], { timeoutMs: 5_000 });
    expect(infos.map((info) => info.nodeId)).toEqual(['n1', 'n2']);
    const missing = await failure(env.run(activities.waitForDrones, 'fg-p', ['n1', 'n404'], { timeoutMs: 800 }));
    expect(missing).toMatchObject({ code: 'AGENT.DRONES_NOT_READY', nonRetryable: false });
    expect(missing.message).toContain('n404');
  });

  it('pingFrontgate reports the frontgate, and an unknown one as AGENT.FRONTGATE_NOT_FOUND', async () => {
    const env = new MockActivityEnvironment();
    expect(await env.run(activities.pingFrontgate, 'fg-p')).toMatchObject({ frontgateId: 'fg-p', leafConnected: true, registeredDrones: 2, connectedDrones: 2 });
    const unknown = await failure(env.run(activities.pingFrontgate, 'fg-none'));
    expect(hasErrorCode({ code: unknown.code, message: unknown.message }, 'AGENT.FRONTGATE_NOT_FOUND')).toBe(true);
  });
});

describe('command ids', () => {
  it.each([
    ['the same activity gives the same id', { workflowId: 'w', runId: 'r', activityId: '1' }, { workflowId: 'w', runId: 'r', activityId: '1' }, true],
    ['another activity of the run gives another id', { workflowId: 'w', runId: 'r', activityId: '1' }, { workflowId: 'w', runId: 'r', activityId: '2' }, false],
    ['the same activity id in a new run gives another id', { workflowId: 'w', runId: 'r1', activityId: '1' }, { workflowId: 'w', runId: 'r2', activityId: '1' }, false],
  ])('%s', (_name, a, b, same) => {
    expect(commandIdFor(a) === commandIdFor(b)).toBe(same);
    expect(commandIdFor(a)).toMatch(/^act-[0-9a-f]{40}$/);
  });
});
