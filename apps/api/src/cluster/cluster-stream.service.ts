import { Injectable } from '@nestjs/common';
import { ClusterEventStore } from '@pitrix/cluster-store';
import type { Caller } from '../access/index.js';
import { ClusterAccess } from './cluster-access.js';
import { clusterHealthChange } from './cluster-health.js';
import { toEvent } from './cluster.mapper.js';
import { ClusterNotifications } from './cluster-notifications.service.js';
import { ClusterQueryService } from './cluster-query.service.js';
import { Feed } from './feed.js';
import type { ClusterHealthChange } from './models/cluster.model.js';
import type { ClusterEventView, Job } from './models/job.model.js';

const BATCH = 500;
const TERMINAL = new Set(['successful', 'failed', 'cancelled']);

/**
 * GraphQL subscriptions: every notification of the event store makes each affected stream read
 * what is new (by sequence for events, a fresh view for a job), so nothing is lost or repeated
 * even when notifications coalesce.
 */
@Injectable()
export class ClusterStreamService {
  constructor(
    private readonly access: ClusterAccess,
    private readonly events: ClusterEventStore,
    private readonly queries: ClusterQueryService,
    private readonly notifications: ClusterNotifications,
  ) {}

  /** A cluster's events after `after` (0: from its first), then each new one as it is stored. */
  async clusterEvents(caller: Caller, clusterId: string, after: number): Promise<AsyncIterableIterator<ClusterEventView>> {
    await this.access.cluster(caller, clusterId);
    let last = after;
    let unlisten = () => undefined as unknown;
    const feed = new Feed<ClusterEventView>(() => unlisten());
    const pump = serialized(async () => {
      for (;;) {
        const batch = await this.events.eventsOf(clusterId, last, BATCH);
        for (const event of batch) {
          last = event.sequence;
          feed.push(toEvent(event));
        }
        if (batch.length < BATCH) return;
      }
    });
    unlisten = await this.notifications.listen((clusters) => clusters.includes(clusterId) && pump());
    pump();
    return feed;
  }

  /** A job's view now, then again whenever its cluster records something; ends when the job does. */
  async jobProgress(caller: Caller, jobId: string): Promise<AsyncIterableIterator<Job>> {
    const first = await this.queries.job(caller, jobId);
    let previous = '';
    let unlisten = () => undefined as unknown;
    const feed = new Feed<Job>(() => unlisten());
    const publish = (job: Job) => {
      const text = JSON.stringify(job);
      if (text !== previous) feed.push(job);
      previous = text;
      if (TERMINAL.has(job.status)) feed.end();
    };
    const pump = serialized(async () => publish(await this.queries.job(caller, jobId)));
    unlisten = await this.notifications.listen((clusters) => clusters.includes(first.clusterId) && pump());
    publish(first);
    return feed;
  }

  /** A cluster's health now, then again whenever a node's health (or the set of nodes) changes. */
  async clusterHealth(caller: Caller, clusterId: string): Promise<AsyncIterableIterator<ClusterHealthChange>> {
    await this.access.cluster(caller, clusterId);
    let previous = '';
    let unlisten = [() => undefined as unknown];
    const feed = new Feed<ClusterHealthChange>(() => unlisten.forEach((stop) => stop()));
    const pump = serialized(async () => {
      const [nodes, health] = await Promise.all([this.queries.nodes(clusterId), this.queries.nodeHealth(clusterId)]);
      const change = clusterHealthChange(clusterId, nodes, health);
      const text = JSON.stringify(change);
      if (text !== previous) feed.push(change);
      previous = text;
    });
    const mine = (clusters: readonly string[]) => clusters.includes(clusterId) && pump();
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
