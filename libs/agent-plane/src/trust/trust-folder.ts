import { fromSeed, type KeyPair } from '@nats-io/nkeys';
import { PitrixError } from '@pitrix/errors';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TRUST_FILES } from './hub-trust.js';

/** What the platform needs to issue and revoke agent credentials. Secret: never logged. */
export interface IssuerKeys {
  /** Signs frontgate account JWTs (an operator signing key). */
  readonly operatorSigner: KeyPair;
  /** Signs users of every frontgate account (listed as a signing key in each). */
  readonly agentsSigner: KeyPair;
  /** Credentials of the platform's system-account user, which pushes accounts to the hub. */
  readonly systemCreds: Uint8Array;
}

/**
 * Reads one file of the trust folder. A missing or unreadable file is `CONFIG.INVALID` naming the
 * setting and the file, never its content.
 */
export function readTrustFile(dir: string, name: string): Uint8Array {
  try {
    return readFileSync(join(dir, name));
  } catch (err) {
    throw new PitrixError(
      'CONFIG.INVALID',
      `PITRIX_NATS_AUTH_DIR: cannot read ${join(dir, name)} (${(err as NodeJS.ErrnoException).code ?? 'error'}); npm start creates the trust folder`,
    );
  }
}

function seedFile(dir: string, name: string): KeyPair {
  const text = new TextDecoder().decode(readTrustFile(dir, name)).trim();
  try {
    return fromSeed(new TextEncoder().encode(text));
  } catch {
    throw new PitrixError('CONFIG.INVALID', `PITRIX_NATS_AUTH_DIR: ${join(dir, name)} does not hold an nkey seed`);
  }
}

/** Reads the keys that issue and revoke agent credentials from the trust folder. */
export function readIssuerKeys(dir: string): IssuerKeys {
  return {
    operatorSigner: seedFile(dir, TRUST_FILES.operatorSigningSeed),
    agentsSigner: seedFile(dir, TRUST_FILES.agentsSigningSeed),
    systemCreds: readTrustFile(dir, TRUST_FILES.systemCreds),
  };
}
