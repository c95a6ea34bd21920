import type { ClusterJobPayload } from '@pitrix/cluster-model';
import { clusterSchema, JobSpecStore } from '@pitrix/cluster-store';
import { systemSchema } from '@pitrix/db';
import { hasErrorCode } from '@pitrix/errors';
import { parseKeyRing, SecretBox } from '@pitrix/secrets';
import { connectTestTemporal, createTestDatabase, uniqueTaskQueue, type TestDatabase } from '@pitrix/testing';
import { clusterWorkflowId } from '@pitrix/workflow-contract';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitClusterJob, type JobSubmitter } from '../src/index.js';

/** A payload is opaque to submission: it is sealed and stored as it is. */
const payload = { blueprint: { nodes: [] }, values: {}, packageFiles: [], target: { appId: 'app-t', versionId: 'appv-t', runtimeId: 'rt-t' } } as unknown as ClusterJobPayload & {
  target: { appId: string; versionId: string; runtimeId: string };
};

describe('submitting cluster jobs to a real Temporal server (no worker polls the queue, so jobs stay open)', () => {
  let db: TestDatabase;
  let env: TestWorkflowEnvironment;
  let submitter: JobSubmitter;
  const clusterId = `cl-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    db = await createTestDatabase('cluster_client', [systemSchema, clusterSchema]);
    env = await connectTestTemporal();
    const specs = new JobSpecStore(db.dataSource, new SecretBox(parseKeyRing(`k:${randomBytes(32).toString('base64')}`)));
    submitter = { temporal: env.client, taskQueue: uniqueTaskQueue('cluster-client'), specs };
  });

  afterAll(async () => {
    await env?.client.workflow.getHandle(clusterWorkflowId(clusterId)).terminate('test finished').catch(() => undefined);
    await env?.teardown();
    await db?.drop();
  });

  it("starts the job's workflow under the cluster's workflow id with its spec stored", async () => {
    const job = await submitClusterJob(submitter, { jobId: `job-a-${clusterId}`, clusterId, operation: { action: 'create', atomic: true }, payload, owner: 'usr-a', ownerPath: 'usr-a' });
    expect(job.workflowId).toBe(clusterWorkflowId(clusterId));
    const description = await env.client.workflow.getHandle(job.workflowId, job.runId).describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.memo).toMatchObject({ jobId: job.jobId, clusterId, action: 'create', appVersionId: 'appv-t' });
    expect(await submitter.specs.load(job.jobId)).toMatchObject({ clusterId, owner: 'usr-a', operation: { action: 'create', atomic: true } });
  });

  it('refuses a second job while one runs with CLUSTER.BUSY, and keeps no spec of it', async () => {
    const refused = await submitClusterJob(submitter, { jobId: `job-b-${clusterId}`, clusterId, operation: { action: 'stop' }, payload, owner: 'usr-a', ownerPath: 'usr-a' }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(hasErrorCode(refused, 'CLUSTER.BUSY')).toBe(true);
    const missing = await submitter.specs.load(`job-b-${clusterId}`).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(hasErrorCode(missing, 'CLUSTER.JOB_NOT_FOUND')).toBe(true);
    expect(await submitter.specs.load(`job-a-${clusterId}`)).toMatchObject({ clusterId });
  });
});
