import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/** What a change listener connects to and whom it tells. */
export interface ChangeListenerOptions {
  readonly databaseUrl: string;
  readonly channel: string;
  /** Shown in pg_stat_activity. */
  readonly applicationName: string;
  /** Named in the warning when the connection is lost. */
  readonly what: string;
  /** A change was committed (the notification is sent in the transaction that made it). */
  readonly onChange: () => void;
  /** The connection went down: from now on changes may be missed until it is back. */
  readonly onLost: () => void;
}

/**
 * One PostgreSQL connection that LISTENs on a channel, for an in-memory cache that must forget
 * what changed elsewhere. The cache may hold entries only while `listening` is true; a read that
 * finds it false calls `ensure()` and goes to the database.
 */
export class ChangeListener {
  private connection: Promise<Client> | undefined;
  private up = false;
  private closed = false;
  private readonly logger = new Logger('ChangeListener');

  constructor(private readonly options: ChangeListenerOptions) {}

  /** True while notifications are being received. */
  get listening(): boolean {
    return this.up;
  }

  /** Connects if not connected (resolves once LISTEN is active). */
  ensure(): Promise<void> {
    return this.connect().then(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.lost();
    const connection = this.connection;
    this.connection = undefined;
    if (connection) await (await connection.catch(() => undefined))?.end().catch(() => undefined);
  }

  private connect(): Promise<Client> {
    if (this.closed) return Promise.reject(new Error('closed'));
    this.connection ??= (async () => {
      const { databaseUrl, channel, applicationName, what, onChange } = this.options;
      const client = new Client({ connectionString: databaseUrl, application_name: applicationName });
      client.on('notification', () => onChange());
      client.on('error', (err) => {
        // Until the next read reconnects, nothing is cached.
        this.logger.warn(`${what} lost its connection: ${err.message}`);
        this.lost();
        this.connection = undefined;
      });
      client.on('end', () => this.lost());
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      if (this.closed) {
        await client.end();
        throw new Error('closed');
      }
      this.up = true;
      return client;
    })();
    this.connection.catch(() => (this.connection = undefined));
    return this.connection;
  }

  private lost(): void {
    this.up = false;
    this.options.onLost();
  }
}
