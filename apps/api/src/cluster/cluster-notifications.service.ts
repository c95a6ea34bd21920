import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { CLUSTER_EVENTS_CHANNEL } from '@pitrix/cluster-store';
import type { ApiConfig } from '@pitrix/config';
import { Client } from 'pg';
import { API_CONFIG } from '../clients/tokens.js';

/** Called with the clusters that have new events. */
export type ClusterListener = (clusterIds: readonly string[]) => void;

/**
 * One PostgreSQL connection that LISTENs on the event store's channel (the store notifies in the
 * transaction that appends, so a notification means the events are committed) and fans each
 * notification out to the subscriptions. Connected on the first subscription.
 */
@Injectable()
export class ClusterNotifications implements OnModuleDestroy {
  private readonly listeners = new Set<ClusterListener>();
  private connection: Promise<Client> | undefined;
  private readonly logger = new Logger('ClusterNotifications');

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  /** Registers a listener; resolves once LISTEN is active, with the function that removes it. */
  async listen(listener: ClusterListener): Promise<() => void> {
    this.listeners.add(listener);
    try {
      await this.connect();
    } catch (err) {
      this.listeners.delete(listener);
      throw err;
    }
    return () => this.listeners.delete(listener);
  }

  async onModuleDestroy(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (connection) await (await connection.catch(() => undefined))?.end().catch(() => undefined);
  }

  private connect(): Promise<Client> {
    this.connection ??= (async () => {
      const client = new Client({ connectionString: this.config.database.url, application_name: 'pitrix-api-listen' });
      client.on('notification', (message) => this.dispatch(message.payload));
      client.on('error', (err) => {
        // The next subscription reconnects; live ones miss nothing they cannot re-read by cursor.
        this.logger.warn(`cluster event listener lost its connection: ${err.message}`);
        this.connection = undefined;
      });
      await client.connect();
      await client.query(`LISTEN ${CLUSTER_EVENTS_CHANNEL}`);
      return client;
    })();
    this.connection.catch(() => (this.connection = undefined));
    return this.connection;
  }

  private dispatch(payload: string | undefined): void {
    let clusters: string[] = [];
    try {
      clusters = (JSON.parse(payload ?? '{}') as { clusters?: string[] }).clusters ?? [];
    } catch {
      return;
    }
    for (const listener of this.listeners) listener(clusters);
  }
}
