import { allSchemaModules } from '@pitrix/schemas';
import type { NatsConnection } from '@nats-io/transport-node';
import { SkeletonRunEntity } from '@pitrix/db';
import { createTestDatabase, startTestNatsHub, type TestDatabase, type TestNatsHub } from '@pitrix/testing';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSkeletonActivities as createActivities } from '../src/skeleton/skeleton.activities.js';

describe('skeleton activities on real PostgreSQL and NATS', () => {
  let db: TestDatabase;
  let hub: TestNatsHub;
  let nats: NatsConnection;

  beforeAll(async () => {
    [db, hub] = await Promise.all([createTestDatabase('activities', allSchemaModules), startTestNatsHub()]);
    nats = await hub.connect();
  });
  afterAll(async () => {
    await nats.close();
    await Promise.all([db.drop(), hub.stop()]);
  });

  it('is idempotent: a retried attempt writes no second row and keeps the first', async () => {
    const activities = createActivities({ dataSource: db.dataSource, nats });
    const subscription = nats.subscribe('pitrix.system.skeleton.run-1', { max: 2 });
    const first = await new MockActivityEnvironment({ attempt: 1 }).run(activities.recordSkeletonRun, { runId: 'run-1', message: 'a', workMs: 0 });
    const retry = (await new MockActivityEnvironment({ attempt: 2 }).run(activities.recordSkeletonRun, { runId: 'run-1', message: 'a', workMs: 0 })) as { attempt: number };
    expect(first).toEqual({ subject: 'pitrix.system.skeleton.run-1', attempt: 1 });
    expect(retry.attempt).toBe(2);
    const rows = await db.dataSource.getRepository(SkeletonRunEntity).findBy({ runId: 'run-1' });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.attempt).toBe(1);
    const attempts: number[] = [];
    for await (const message of subscription) attempts.push((message.json() as { attempt: number }).attempt);
    expect(attempts).toEqual([1, 2]);
  });

  it('heartbeats while it works, so a dead worker is noticed within the heartbeat timeout', async () => {
    const activities = createActivities({ dataSource: db.dataSource, nats });
    const env = new MockActivityEnvironment();
    const beats: unknown[] = [];
    env.on('heartbeat', (details: unknown) => beats.push(details));
    await env.run(activities.recordSkeletonRun, { runId: 'run-2', message: 'b', workMs: 500 });
    expect(beats.length).toBeGreaterThanOrEqual(2);
  });
});
