import type { KeyPair } from '@nats-io/nkeys';
import { connect, credsAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import { PitrixError } from '@pitrix/errors';
import { issuePlatformUser } from '../trust/claims.js';
import type { FrontgateRegistry } from './frontgate-registry.js';

/**
 * The platform's connections into frontgate accounts, one per frontgate, opened on first use.
 * Each frontgate's network is its own hub account, so the platform talks to it through a
 * connection in that account: nothing of one network (not even reply inboxes) is visible in
 * another's, and a request to a drone that is not there fails fast with "no responders".
 */
export class FrontgateConnections {
  private readonly open = new Map<string, Promise<NatsConnection>>();

  constructor(
    private readonly url: string,
    private readonly registry: FrontgateRegistry,
    private readonly agentsSigner: KeyPair,
  ) {}

  /** The connection into `frontgateId`'s account; `AGENT.FRONTGATE_NOT_FOUND` for an unknown or revoked frontgate. */
  get(frontgateId: string): Promise<NatsConnection> {
    let connection = this.open.get(frontgateId);
    if (!connection) {
      connection = this.connect(frontgateId);
      this.open.set(frontgateId, connection);
      connection.then(
        (nc) => void nc.closed().then(() => this.forget(frontgateId, connection)),
        () => this.forget(frontgateId, connection),
      );
    }
    return connection;
  }

  /** Closes the connection of `frontgateId`, if open (after its revocation). */
  async drop(frontgateId: string): Promise<void> {
    const connection = this.open.get(frontgateId);
    this.open.delete(frontgateId);
    if (connection) await (await connection).close().catch(() => undefined);
  }

  /** Closes every connection. */
  async close(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    await Promise.all(all.map(async (connection) => (await connection.catch(() => undefined))?.drain().catch(() => undefined)));
  }

  private forget(frontgateId: string, connection: Promise<NatsConnection> | undefined): void {
    if (this.open.get(frontgateId) === connection) this.open.delete(frontgateId);
  }

  private async connect(frontgateId: string): Promise<NatsConnection> {
    const record = await this.registry.get(frontgateId);
    if (record.revokedAt) throw new PitrixError('AGENT.FRONTGATE_NOT_FOUND', `frontgate ${frontgateId} was revoked`);
    const user = await issuePlatformUser({ frontgateId, account: record.account, agentsSigner: this.agentsSigner });
    try {
      return await connect({
        servers: this.url,
        authenticator: credsAuthenticator(new TextEncoder().encode(user.creds)),
        name: `pitrix-platform@${frontgateId}`,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 250,
      });
    } catch (err) {
      throw new PitrixError('SYSTEM.DEPENDENCY_UNAVAILABLE', `PITRIX_NATS_URL: cannot connect to the NATS hub for frontgate ${frontgateId}: ${(err as Error).message}`);
    }
  }
}
