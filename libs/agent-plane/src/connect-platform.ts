import { connect, credsAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import type { NatsConfig } from '@pitrix/config';
import { isPitrixError, PitrixError } from '@pitrix/errors';
import { TRUST_FILES } from './trust/hub-trust.js';
import { readTrustFile } from './trust/trust-folder.js';

/** The settings a platform connection needs: the hub URL and the trust folder. */
export type PlatformNatsSettings = Pick<NatsConfig, 'url' | 'authDir'>;

/**
 * Connects a platform process (API, worker, CLI) to the NATS hub as the platform user, reconnecting
 * forever. The credentials are read when the connection authenticates, so an unreachable hub is
 * reported as `PITRIX_NATS_URL` and a missing trust folder as `PITRIX_NATS_AUTH_DIR`.
 */
export async function connectPlatformNats(settings: PlatformNatsSettings, name: string): Promise<NatsConnection> {
  let authError: unknown;
  const creds = () => {
    try {
      return readTrustFile(settings.authDir, TRUST_FILES.platformCreds);
    } catch (err) {
      authError = err;
      throw err;
    }
  };
  try {
    return await connect({ servers: settings.url, authenticator: credsAuthenticator(creds), name, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
  } catch (err) {
    if (isPitrixError(authError)) throw authError;
    throw new PitrixError('SYSTEM.DEPENDENCY_UNAVAILABLE', `PITRIX_NATS_URL: cannot connect to the NATS hub at ${settings.url}: ${describe(err)}`);
  }
}

function describe(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return /authorization/i.test(message) ? `${message} (are the credentials in PITRIX_NATS_AUTH_DIR those of this hub?)` : message;
}
