import type { ClusterEvent } from '@pitrix/cluster-model';
import { ClusterEventStore, ClusterReadModel, JobSpecStore } from '@pitrix/cluster-store';
import { loadApiConfig } from '@pitrix/config';
import { hasErrorCode, toGraphQLErrorShape } from '@pitrix/errors';
import { allSchemaModules } from '@pitrix/schemas';
import { parseKeyRing, SecretBox } from '@pitrix/secrets';
import { createTestDatabase, type TestDatabase } from '@pitrix/testing';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../src/access/index.js';
import { ClusterAccess } from '../src/cluster/cluster-access.js';
import { ClusterNotifications, LISTEN_APPLICATION_NAME } from '../src/cluster/cluster-notifications.service.js';
import type { ClusterQueryService } from '../src/cluster/cluster-query.service.js';
import { ClusterStreamService } from '../src/cluster/cluster-stream.service.js';
import { deliver } from '../src/cluster/feed.js';

const ALICE: Caller = { userId: 'usr-alice', login: 'alice', roles: ['user'], ownerPath: 'usr-alice', visiblePaths: ['usr-alice'], scope: 'full', authenticatedBy: 'token' };
const QUEUE_MAX = 5;

/** Reads a subscription in the background: what it delivered, and how it ended. */
function reader(iterator: AsyncIterableIterator<unknown>) {
  const seen: unknown[] = [];
  const ended = (async () => {
    for (;;) {
      const result = await iterator.next();
      if (result.done) return;
      seen.push(result.value);
    }
  })();
  return { seen, ended, sequences: () => seen.map((value) => (value as { sequence: number }).sequence) };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe('cluster event subscriptions over a LISTEN connection that is lost, and slow subscribers (real PostgreSQL)', () => {
  let db: TestDatabase;
  let events: ClusterEventStore;
  let notifications: ClusterNotifications;
  let streams: ClusterStreamService;
  let counter = 0;
  const appended: Record<string, number[]> = {};

  /** Appends `count` events to a cluster, one transaction (and notification) each; remembers their sequences. */
  const append = async (clusterId: string, count: number) => {
    for (let i = 0; i < count; i++) {
      const event: ClusterEvent = { type: 'ClusterVersionChanged', versionId: `appv-x-${++counter}` };
      const [stored] = await events.append([{ clusterId, key: `test/${clusterId}/${counter}`, event }]);
      (appended[clusterId] ??= []).push(stored!.sequence);
    }
  };
  const createCluster = async () => {
    const clusterId = `cl-${randomBytes(4).toString('hex')}`;
    const created: ClusterEvent = { type: 'ClusterCreated', name: clusterId, description: '', appId: 'app-x', versionId: 'appv-x-0', runtimeId: 'rt-1', owner: 'usr-alice', ownerPath: 'usr-alice' };
    const [stored] = await events.append([{ clusterId, key: `test/${clusterId}/created`, event: created }]);
    appended[clusterId] = [stored!.sequence];
    return clusterId;
  };
  /** The LISTEN connection's backend pids, in this test's database only. */
  const listenBackends = async () =>
    ((await db.dataSource.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [LISTEN_APPLICATION_NAME])) as Array<{ pid: number }>).map(
      (row) => row.pid,
    );

  beforeAll(async () => {
    db = await createTestDatabase('api_cluster_subscriptions', allSchemaModules);
    events = new ClusterEventStore(db.dataSource);
    const config = loadApiConfig({ PITRIX_DATABASE_URL: db.url, PITRIX_SUBSCRIPTION_QUEUE_MAX: String(QUEUE_MAX) });
    const specs = new JobSpecStore(db.dataSource, new SecretBox(parseKeyRing(`k:${randomBytes(32).toString('base64')}`)));
    notifications = new ClusterNotifications(config);
    // clusterEvents reads only through access and the event store; job views are not used here.
    streams = new ClusterStreamService(new ClusterAccess(new ClusterReadModel(db.dataSource), specs), events, {} as ClusterQueryService, notifications, config);
  });

  afterAll(async () => {
    await notifications?.onModuleDestroy();
    await db?.drop();
  });

  it('delivers every event once and in order across a killed LISTEN backend, including those appended while it was down', async () => {
    const clusterId = await createCluster();
    const stream = await streams.clusterEvents(ALICE, clusterId, 0);
    const subscriber = reader(stream);
    await append(clusterId, 3);
    await until(() => subscriber.seen.length === 4, 'the first events');

    const [before] = await listenBackends();
    expect(before).toBeDefined();
    await db.dataSource.query(`SELECT pg_terminate_backend($1)`, [before]);
    await append(clusterId, 3); // while the listener is down (or reconnecting): no notification reaches it
    await until(async () => (await listenBackends()).some((pid) => pid !== before), 'the LISTEN connection to come back');
    await append(clusterId, 3);

    await until(() => subscriber.seen.length >= appended[clusterId]!.length, 'every event');
    await sleep(300); // a duplicate would arrive now
    expect(subscriber.sequences()).toEqual(appended[clusterId]);
    await stream.return?.();
    await subscriber.ended;
  });

  it('ends a subscriber that never reads with SUBSCRIPTION.TOO_SLOW once the cap is passed, while another keeps receiving', async () => {
    const clusterId = await createCluster();
    const stalled = await streams.clusterEvents(ALICE, clusterId, appended[clusterId]!.at(-1)!);
    const live = await streams.clusterEvents(ALICE, clusterId, 0);
    const subscriber = reader(live);
    await append(clusterId, QUEUE_MAX + 3);
    await until(() => subscriber.seen.length === appended[clusterId]!.length, 'the reading subscriber to get every event');

    const first = await stalled.next();
    expect(first.done).toBe(false);
    expect(hasErrorCode(first.value, 'SUBSCRIPTION.TOO_SLOW')).toBe(true);
    expect((first.value as Error).message).toContain(`${QUEUE_MAX + 1} events behind`);
    expect((await stalled.next()).done).toBe(true);
    // The resolver throws it, and GraphQL reports it with its code.
    expect(() => deliver(first.value)).toThrow();
    expect(toGraphQLErrorShape(first.value).extensions.code).toBe('SUBSCRIPTION.TOO_SLOW');

    await append(clusterId, 2);
    await until(() => subscriber.seen.length === appended[clusterId]!.length, 'the reading subscriber to go on');
    expect(subscriber.sequences()).toEqual(appended[clusterId]);
    await live.return?.();
    await subscriber.ended;
  });

  it('catches up on a history longer than the cap without being called too slow', async () => {
    const clusterId = await createCluster();
    await append(clusterId, QUEUE_MAX * 3);
    const stream = await streams.clusterEvents(ALICE, clusterId, 0);
    const subscriber = reader(stream);
    await until(() => subscriber.seen.length >= appended[clusterId]!.length, 'the history');
    expect(subscriber.sequences()).toEqual(appended[clusterId]);
    await stream.return?.();
    await subscriber.ended;
  });
});
