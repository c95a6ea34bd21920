import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { CLUSTER_EVENTS_CHANNEL } from '@pitrix/cluster-store';
import type { ApiConfig } from '@pitrix/config';
import { NODE_HEALTH_CHANNEL } from '@pitrix/db';
import { Client } from 'pg';
import { API_CONFIG } from '../clients/tokens.js';

/** Called with the clusters that have news on the channel listened to. */
export type ClusterListener = (clusterIds: readonly string[]) => void;

/** What a listener hears about: new events of clusters, or changed health of their nodes. */
export type ClusterNews = 'events' | 'health';

const CHANNELS: Record<ClusterNews, string> = { events: CLUSTER_EVENTS_CHANNEL, health: NODE_HEALTH_CHANNEL };

/**
 * One PostgreSQL connection that LISTENs on the event store's channel (the store notifies in the
 * transaction that appends, so a notification means the events are committed) and on the node
 * health table's (its trigger notifies on every change), and fans each notification out to the
 * subscriptions of that kind. Connected on the first subscription.
 */
@Injectable()
export class ClusterNotifications implements OnModuleDestroy {
  private readonly listeners: Record<ClusterNews, Set<ClusterListener>> = { events: new Set(), health: new Set() };
  private connection: Promise<Client> | undefined;
  private readonly logger = new Logger('ClusterNotifications');

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  /** Registers a listener (for new events unless told); resolves once LISTEN is active, with the function that removes it. */
  async listen(listener: ClusterListener, news: ClusterNews = 'events'): Promise<() => void> {
    const listeners = this.listeners[news];
    listeners.add(listener);
    try {
      await this.connect();
    } catch (err) {
      listeners.delete(listener);
      throw err;
    }
    return () => listeners.delete(listener);
  }

  async onModuleDestroy(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (connection) await (await connection.catch(() => undefined))?.end().catch(() => undefined);
  }

  private connect(): Promise<Client> {
    this.connection ??= (async () => {
      const client = new Client({ connectionString: this.config.database.url, application_name: 'pitrix-api-listen' });
      client.on('notification', (message) => this.dispatch(message.channel, message.payload));
      client.on('error', (err) => {
        // The next subscription reconnects; live ones miss nothing they cannot re-read by cursor.
        this.logger.warn(`cluster event listener lost its connection: ${err.message}`);
        this.connection = undefined;
      });
      await client.connect();
      for (const channel of Object.values(CHANNELS)) await client.query(`LISTEN ${channel}`);
      return client;
    })();
    this.connection.catch(() => (this.connection = undefined));
    return this.connection;
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
