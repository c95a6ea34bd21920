import { Inject, Injectable } from '@nestjs/common';
import { ClusterEventStore } from '@pitrix/cluster-store';
import type { ApiConfig } from '@pitrix/config';
import type { PitrixError } from '@pitrix/errors';
import type { Caller } from '../access/index.js';
import { API_CONFIG } from '../clients/tokens.js';
import { ClusterAccess } from './cluster-access.js';
import { clusterHealthChange } from './cluster-health.js';
import { toEvent } from './cluster.mapper.js';
import { ClusterNotifications, concerns, type ClusterNewsOf } from './cluster-notifications.service.js';
import { ClusterQueryService } from './cluster-query.service.js';
import { Feed } from './feed.js';
import type { ClusterHealthChange } from './models/cluster.model.js';
import type { ClusterEventView, Job } from './models/job.model.js';

const BATCH = 500;
const TERMINAL = new Set(['successful', 'failed', 'cancelled']);

/**
 * GraphQL subscriptions: every notification of the event store makes each affected stream read
 * what is new (by sequence for events, a fresh view for a job), so nothing is lost or repeated
 * even when notifications coalesce or the LISTEN connection is lost and re-established (its
 * `'all'` makes every stream re-read from its cursor). A client that falls more than
 * `PITRIX_SUBSCRIPTION_QUEUE_MAX` values behind gets `SUBSCRIPTION.TOO_SLOW` and its stream ends.
 */
@Injectable()
export class ClusterStreamService {
  constructor(
    private readonly access: ClusterAccess,
    private readonly events: ClusterEventStore,
    private readonly queries: ClusterQueryService,
    private readonly notifications: ClusterNotifications,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** A feed capped at the configured queue size that runs `onClose` when it ends. */
  private feed<T>(onClose: () => void): Feed<T> {
    return new Feed<T>({ maxQueue: this.config.api.subscriptionQueueMax, onClose });
  }

  /**
   * A cluster's events after `after` (0: from its first), then each new one as it is stored. While
   * it catches up (from `after`, or after the LISTEN connection was re-established) it reads no
   * more than its client has room for, so history never overflows; once caught up, a client that
   * lets more than the cap of new events pile up gets `SUBSCRIPTION.TOO_SLOW`.
   */
  async clusterEvents(caller: Caller, clusterId: string, after: number): Promise<AsyncIterableIterator<ClusterEventView | PitrixError>> {
    await this.access.cluster(caller, clusterId);
    let last = after;
    let catchingUp = true;
    let reconnected = false;
    let unlisten = () => undefined as unknown;
    const feed = this.feed<ClusterEventView>(() => unlisten());
    const batchSize = Math.min(BATCH, this.config.api.subscriptionQueueMax);
    const pump = serialized(async () => {
      // A reconnect means a catch-up; taken at the start of a run, so a run already past it cannot clear it.
      catchingUp ||= reconnected;
      reconnected = false;
      for (;;) {
        if (catchingUp) await feed.whenRoom(batchSize);
        if (feed.closed) return;
        const batch = await this.events.eventsOf(clusterId, last, batchSize);
        for (const event of batch) {
          last = event.sequence;
          feed.push(toEvent(event));
        }
        if (batch.length < batchSize) {
          catchingUp = false;
          return;
        }
      }
    });
    unlisten = await this.notifications.listen((clusters) => {
      if (clusters === 'all') reconnected = true;
      if (concerns(clusters, clusterId)) pump();
    });
    pump();
    return feed;
  }

  /** A job's view now, then again whenever its cluster records something; ends when the job does. */
  async jobProgress(caller: Caller, jobId: string): Promise<AsyncIterableIterator<Job | PitrixError>> {
    const first = await this.queries.job(caller, jobId);
    let previous = '';
    let unlisten = () => undefined as unknown;
    const feed = this.feed<Job>(() => unlisten());
    const publish = (job: Job) => {
      const text = JSON.stringify(job);
      if (text !== previous) feed.push(job);
      previous = text;
      if (TERMINAL.has(job.status)) feed.end();
    };
    const pump = serialized(async () => publish(await this.queries.job(caller, jobId)));
    unlisten = await this.notifications.listen((clusters) => concerns(clusters, first.clusterId) && pump());
    publish(first);
    return feed;
  }

  /** A cluster's health now, then again whenever a node's health (or the set of nodes) changes. */
  async clusterHealth(caller: Caller, clusterId: string): Promise<AsyncIterableIterator<ClusterHealthChange | PitrixError>> {
    await this.access.cluster(caller, clusterId);
    let previous = '';
    let unlisten = [() => undefined as unknown];
    const feed = this.feed<ClusterHealthChange>(() => unlisten.forEach((stop) => stop()));
    const pump = serialized(async () => {
      const [nodes, health] = await Promise.all([this.queries.nodes(clusterId), this.queries.nodeHealth(clusterId)]);
      const change = clusterHealthChange(clusterId, nodes, health);
      const text = JSON.stringify(change);
      if (text !== previous) feed.push(change);
      previous = text;
    });
    const mine = (clusters: ClusterNewsOf) => concerns(clusters, clusterId) && pump();
    unlisten = await Promise.all([this.notifications.listen(mine, 'health'), this.notifications.listen(mine, 'events')]);
    pump();
    return feed;
  }
}

/** Runs `work` one call at a time; calls made while it runs collapse into one more run. */
function serialized(work: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    work()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          run();
        }
      });
  };
  return run;
}
