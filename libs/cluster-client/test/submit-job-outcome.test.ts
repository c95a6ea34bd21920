import type { ClusterJobPayload } from '@pitrix/cluster-model';
import { clusterSchema, JobSpecStore } from '@pitrix/cluster-store';
import { systemSchema } from '@pitrix/db';
import { hasErrorCode } from '@pitrix/errors';
import { parseKeyRing, SecretBox } from '@pitrix/secrets';
import { connectTestTemporal, createTestDatabase, testTemporalTarget, uniqueTaskQueue, type TestDatabase } from '@pitrix/testing';
import { CLUSTER_JOB_WORKFLOW_TYPE, clusterWorkflowId } from '@pitrix/workflow-contract';
import { Client, Connection, ServiceError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitClusterJob, type JobRequest, type JobSubmitter, type StartJobWorkflow } from '../src/index.js';

const payload = { blueprint: { nodes: [] }, values: {}, packageFiles: [], target: { appId: 'app-t', versionId: 'appv-t', runtimeId: 'rt-t' } } as unknown as JobRequest['payload'] & ClusterJobPayload;

/** What the client throws for a failed gRPC call: a ServiceError whose cause carries the status. */
function grpcFailure(code: number, name: string): ServiceError {
  const cause = Object.assign(new Error(`${code} ${name}: injected`), { code, details: 'injected', metadata: {} });
  return new ServiceError('Failed to start Workflow', { cause });
}

const DEADLINE_EXCEEDED = 4;
const INVALID_ARGUMENT = 3;

/** A start that reaches the server and starts the workflow, then reports a deadline (the reply was lost). */
const startsThenTimesOut: StartJobWorkflow = async (temporal, options) => {
  await temporal.workflow.start(CLUSTER_JOB_WORKFLOW_TYPE, options);
  throw grpcFailure(DEADLINE_EXCEEDED, 'DEADLINE_EXCEEDED');
};
/** A start that times out before anything reaches the server. */
const timesOutBeforeStarting: StartJobWorkflow = () => Promise.reject(grpcFailure(DEADLINE_EXCEEDED, 'DEADLINE_EXCEEDED'));
/** A start the server refuses outright. */
const refusedAsInvalid: StartJobWorkflow = () => Promise.reject(grpcFailure(INVALID_ARGUMENT, 'INVALID_ARGUMENT'));

describe('a job start whose outcome the error leaves open (real Temporal and PostgreSQL; the start call is injected)', () => {
  let db: TestDatabase;
  let env: TestWorkflowEnvironment;
  let specs: JobSpecStore;
  let unreachable: Connection;
  const taskQueue = uniqueTaskQueue('cluster-client-outcome');
  const clusters: string[] = [];

  /** A request for a fresh cluster (one open workflow per cluster). */
  const request = (label: string): JobRequest => {
    const clusterId = `cl-${label}-${randomBytes(4).toString('hex')}`;
    clusters.push(clusterId);
    return { jobId: `job-${clusterId}`, clusterId, operation: { action: 'create', atomic: true }, payload, owner: 'usr-a', ownerPath: 'usr-a' };
  };
  const submitter = (startWorkflow: StartJobWorkflow, temporal?: Client): JobSubmitter => ({
    temporal: temporal ?? env.client,
    taskQueue,
    specs,
    startWorkflow,
    outcomeCheck: { attempts: 3, pauseMs: 50 },
  });
  const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (err: unknown) => err);
  const specOf = (jobId: string) => specs.load(jobId).then((spec) => spec, (err: unknown) => err);

  beforeAll(async () => {
    db = await createTestDatabase('cluster_client_outcome', [systemSchema, clusterSchema]);
    env = await connectTestTemporal();
    specs = new JobSpecStore(db.dataSource, new SecretBox(parseKeyRing(`k:${randomBytes(32).toString('base64')}`)));
    // Nothing listens on port 1; no retry interceptor, so every call fails at once with UNAVAILABLE.
    unreachable = Connection.lazy({ address: '127.0.0.1:1', interceptors: [] });
  });

  afterAll(async () => {
    for (const clusterId of clusters) await env?.client.workflow.getHandle(clusterWorkflowId(clusterId)).terminate('test finished').catch(() => undefined);
    await unreachable?.close().catch(() => undefined);
    await env?.teardown();
    await db?.drop();
  });

  it('returns the job when the workflow did start, with its first run and its spec kept', async () => {
    const job = request('started');
    const submitted = await submitClusterJob(submitter(startsThenTimesOut), job);
    const description = await env.client.workflow.getHandle(clusterWorkflowId(job.clusterId)).describe();
    expect(submitted).toEqual({ jobId: job.jobId, clusterId: job.clusterId, workflowId: clusterWorkflowId(job.clusterId), runId: description.runId });
    expect(description.memo).toMatchObject({ jobId: job.jobId });
    expect(await specOf(job.jobId)).toMatchObject({ clusterId: job.clusterId, owner: 'usr-a' });
  });

  it('removes the spec and rethrows the start error when no workflow started', async () => {
    const job = request('not-started');
    const failure = await failureOf(submitClusterJob(submitter(timesOutBeforeStarting), job));
    expect(failure).toBeInstanceOf(ServiceError);
    expect(hasErrorCode(await specOf(job.jobId), 'CLUSTER.JOB_NOT_FOUND')).toBe(true);
  });

  it('keeps the spec and reports CLUSTER.JOB_START_UNKNOWN when the workflow cannot be looked up', async () => {
    const job = request('unknown');
    const lookups = new Client({ connection: unreachable, namespace: testTemporalTarget().namespace });
    const failure = await failureOf(submitClusterJob(submitter(timesOutBeforeStarting, lookups), job));
    expect(hasErrorCode(failure, 'CLUSTER.JOB_START_UNKNOWN')).toBe(true);
    expect((failure as Error).message).toContain(job.jobId);
    expect(await specOf(job.jobId)).toMatchObject({ clusterId: job.clusterId });
  });

  it('removes the spec at once on a definite refusal (INVALID_ARGUMENT), without looking the workflow up', async () => {
    const job = request('invalid');
    const lookups = new Client({ connection: unreachable, namespace: testTemporalTarget().namespace });
    const failure = await failureOf(submitClusterJob(submitter(refusedAsInvalid, lookups), job));
    expect(failure).toBeInstanceOf(ServiceError);
    expect(hasErrorCode(await specOf(job.jobId), 'CLUSTER.JOB_NOT_FOUND')).toBe(true);
  });
});
