import { connect, credsAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import { PitrixError } from '@pitrix/errors';

/**
 * Pushes account JWTs to the hub's account resolver through the system account, so a new or
 * changed frontgate account is live at once on every hub server, without a restart.
 */
export class HubAccounts {
  private connection?: Promise<NatsConnection>;

  constructor(
    private readonly url: string,
    private readonly systemCreds: Uint8Array,
  ) {}

  /** Stores (or replaces) an account on the hub; throws `SYSTEM.DEPENDENCY_UNAVAILABLE` when the hub refuses it. */
  async push(accountJwt: string): Promise<void> {
    const nats = await this.connect();
    const reply = await nats.request('$SYS.REQ.CLAIMS.UPDATE', accountJwt, { timeout: 5_000 });
    const body = reply.json<{ data?: { code?: number; message?: string }; error?: { code?: number; description?: string } }>();
    if (body.error || body.data?.code !== 200) {
      const why = body.error?.description ?? body.data?.message ?? 'no answer';
      throw new PitrixError('SYSTEM.DEPENDENCY_UNAVAILABLE', `the NATS hub did not store the account: ${why}`);
    }
  }

  /** Closes the system connection. */
  async close(): Promise<void> {
    if (this.connection) await (await this.connection).close().catch(() => undefined);
  }

  private connect(): Promise<NatsConnection> {
    this.connection ??= connect({
      servers: this.url,
      authenticator: credsAuthenticator(this.systemCreds),
      name: 'pitrix-account-push',
      maxReconnectAttempts: -1,
    }).catch((err: unknown) => {
      this.connection = undefined;
      throw new PitrixError('SYSTEM.DEPENDENCY_UNAVAILABLE', `PITRIX_NATS_URL: cannot connect to the NATS hub as the system user: ${(err as Error).message}`);
    });
    return this.connection;
  }
}
