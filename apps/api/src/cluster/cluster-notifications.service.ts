import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { CLUSTER_EVENTS_CHANNEL } from '@pitrix/cluster-store';
import type { ApiConfig } from '@pitrix/config';
import { NODE_HEALTH_CHANNEL } from '@pitrix/db';
import { Client } from 'pg';
import { API_CONFIG } from '../clients/tokens.js';

/**
 * What a listener hears: the clusters with news on its channel, or `'all'` once the connection is
 * back after a loss (anything may have changed meanwhile: every listener re-reads by its cursor).
 */
export type ClusterNewsOf = readonly string[] | 'all';

/** Called with the clusters that have news on the channel listened to. */
export type ClusterListener = (clusterIds: ClusterNewsOf) => void;

/** What a listener hears about: new events of clusters, or changed health of their nodes. */
export type ClusterNews = 'events' | 'health';

/** Whether news concerns a cluster: it names it, or it is the `'all'` of a reconnect. */
export function concerns(news: ClusterNewsOf, clusterId: string): boolean {
  return news === 'all' || news.includes(clusterId);
}

const CHANNELS: Record<ClusterNews, string> = { events: CLUSTER_EVENTS_CHANNEL, health: NODE_HEALTH_CHANNEL };

/** The pause before reconnecting: 250 ms doubling up to 10 s, each drawn from its upper half (jitter). */
export const RECONNECT_BACKOFF = { firstMs: 250, maxMs: 10_000 } as const;

/** The application_name of the LISTEN connection (to find it in pg_stat_activity). */
export const LISTEN_APPLICATION_NAME = 'pitrix-api-listen';

/**
 * One PostgreSQL connection that LISTENs on the event store's channel (the store notifies in the
 * transaction that appends, so a notification means the events are committed) and on the node
 * health table's (its trigger notifies on every change), and fans each notification out to the
 * subscriptions of that kind. Connected on the first subscription. When the connection errors or
 * ends while anyone listens, it reconnects with back-off, LISTENs again and tells every listener
 * `'all'`, so each re-reads what it missed from its cursor.
 */
@Injectable()
export class ClusterNotifications implements OnModuleDestroy {
  private readonly listeners: Record<ClusterNews, Set<ClusterListener>> = { events: new Set(), health: new Set() };
  private connection: Promise<Client> | undefined;
  private reconnecting: NodeJS.Timeout | undefined;
  private failures = 0;
  private destroyed = false;
  private readonly logger = new Logger('ClusterNotifications');

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  /**
   * Registers a listener (for new events unless told), with the function that removes it. It
   * resolves once LISTEN is active; while a lost connection is being re-established it resolves
   * at once (the listener hears `'all'` when the connection is back).
   */
  async listen(listener: ClusterListener, news: ClusterNews = 'events'): Promise<() => void> {
    const listeners = this.listeners[news];
    listeners.add(listener);
    if (this.reconnecting === undefined) {
      try {
        await this.connect();
      } catch (err) {
        listeners.delete(listener);
        throw err;
      }
    }
    return () => listeners.delete(listener);
  }

  async onModuleDestroy(): Promise<void> {
    this.destroyed = true;
    clearTimeout(this.reconnecting);
    this.reconnecting = undefined;
    const connection = this.connection;
    this.connection = undefined;
    if (connection) await (await connection.catch(() => undefined))?.end().catch(() => undefined);
  }

  private connect(): Promise<Client> {
    this.connection ??= this.open();
    this.connection.catch(() => (this.connection = undefined));
    return this.connection;
  }

  /** Opens a connection that LISTENs on every channel; its loss (error or end) schedules a reconnect. */
  private async open(): Promise<Client> {
    const client = new Client({ connectionString: this.config.database.url, application_name: LISTEN_APPLICATION_NAME });
    let lost = false;
    const onLost = (reason: string): void => {
      if (lost) return;
      lost = true;
      this.lose(client, reason);
    };
    client.on('notification', (message) => this.dispatch(message.channel, message.payload));
    client.on('error', (err) => onLost(err.message));
    client.on('end', () => onLost('connection ended'));
    try {
      await client.connect();
      for (const channel of Object.values(CHANNELS)) await client.query(`LISTEN ${channel}`);
    } catch (err) {
      lost = true;
      await client.end().catch(() => undefined);
      throw err;
    }
    return client;
  }

  /** Forgets a lost connection and, while anyone listens, schedules the next attempt. */
  private lose(client: Client, reason: string): void {
    void client.end().catch(() => undefined);
    this.connection = undefined;
    if (this.destroyed || this.reconnecting !== undefined) return;
    if (!this.anyoneListens()) return;
    const delay = backoff(this.failures++);
    this.logger.warn(`cluster event listener lost its connection (${reason}); reconnecting in ${delay} ms`);
    this.reconnecting = setTimeout(() => void this.reconnect(), delay);
  }

  /** One reconnect attempt: on success every listener re-reads (`'all'`); on failure, the next, later. */
  private async reconnect(): Promise<void> {
    try {
      await this.connect();
      this.reconnecting = undefined;
      if (this.destroyed) return;
      this.failures = 0;
      this.logger.log('cluster event listener reconnected');
      for (const news of Object.keys(CHANNELS) as ClusterNews[]) for (const listener of this.listeners[news]) listener('all');
    } catch (err) {
      this.reconnecting = undefined;
      if (this.destroyed || !this.anyoneListens()) return;
      const delay = backoff(this.failures++);
      this.logger.warn(`cluster event listener could not reconnect (${(err as Error).message}); next attempt in ${delay} ms`);
      this.reconnecting = setTimeout(() => void this.reconnect(), delay);
    }
  }

  private anyoneListens(): boolean {
    return this.listeners.events.size + this.listeners.health.size > 0;
  }

  private dispatch(channel: string, payload: string | undefined): void {
    const news = (Object.keys(CHANNELS) as ClusterNews[]).find((key) => CHANNELS[key] === channel);
    if (!news) return;
    let clusters: string[] = [];
    try {
      clusters = (JSON.parse(payload ?? '{}') as { clusters?: string[] }).clusters ?? [];
    } catch {
      return;
    }
    for (const listener of this.listeners[news]) listener(clusters);
  }
}

/** The pause before attempt `failures + 1`: doubling from the first, capped, jittered over its upper half. */
export function backoff(failures: number): number {
  const ceiling = Math.min(RECONNECT_BACKOFF.maxMs, RECONNECT_BACKOFF.firstMs * 2 ** Math.min(failures, 16));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
