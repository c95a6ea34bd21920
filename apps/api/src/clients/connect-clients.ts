import { allSchemaModules } from '@pitrix/schemas';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectPlatformNats } from '@pitrix/agent-plane';
import type { ApiConfig } from '@pitrix/config';
import { connectDataSource, createDataSource } from '@pitrix/db';
import { PitrixError } from '@pitrix/errors';
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';

/** The API's connections to its dependencies. */
export interface ApiClients {
  readonly dataSource: DataSource;
  readonly temporal: Client;
  readonly nats: NatsConnection;
}

async function connectTemporal(config: ApiConfig): Promise<Client> {
  try {
    const connection = await Connection.connect({ address: config.temporal.address });
    return new Client({ connection, namespace: config.temporal.namespace });
  } catch (err) {
    throw new PitrixError(
      'SYSTEM.DEPENDENCY_UNAVAILABLE',
      `PITRIX_TEMPORAL_ADDRESS: cannot connect to Temporal at ${config.temporal.address}: ${(err as Error).message}`,
    );
  }
}

/**
 * Connects to PostgreSQL, Temporal and the NATS hub, in that order, so a start-up failure names
 * exactly one setting. What was connected before a failure is closed again.
 */
export async function connectClients(config: ApiConfig): Promise<ApiClients> {
  const dataSource = await connectDataSource(createDataSource({ ...config.database, modules: allSchemaModules, applicationName: 'pitrix-api' }));
  let temporal: Client | undefined;
  try {
    temporal = await connectTemporal(config);
    const nats = await connectPlatformNats(config.nats, 'pitrix-api');
    return { dataSource, temporal, nats };
  } catch (err) {
    await temporal?.connection.close().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    throw err;
  }
}

/** Closes every connection; used on shutdown. */
export async function closeClients(clients: ApiClients): Promise<void> {
  await clients.nats.drain().catch(() => undefined);
  await clients.temporal.connection.close().catch(() => undefined);
  await clients.dataSource.destroy().catch(() => undefined);
}
