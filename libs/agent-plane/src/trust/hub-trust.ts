import { encodeAccount, encodeOperator, encodeUser, fmtCreds } from '@nats-io/jwt';
import { createAccount, createOperator, createUser } from '@nats-io/nkeys';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UNLIMITED_ACCOUNT, UNLIMITED_JETSTREAM_ACCOUNT } from './claims.js';

/**
 * The files of the hub's trust folder. Public files configure the hub; the others are secrets
 * of the platform processes: the API needs `platform.creds`, the worker also the system
 * credentials and the two signing keys.
 */
export const TRUST_FILES = {
  operatorJwt: 'operator.jwt',
  /** Operator identity seed: needed only to re-issue the operator JWT; no process reads it. */
  operatorSeed: 'operator.seed',
  operatorSigningSeed: 'operator-signing.seed',
  systemAccountJwt: 'system-account.jwt',
  platformAccountJwt: 'platform-account.jwt',
  systemCreds: 'system.creds',
  platformCreds: 'platform.creds',
  agentsSigningSeed: 'agents-signing.seed',
} as const;

/** What a hub needs from the trust folder: the operator JWT file, the system account, the preloaded accounts. */
export interface HubTrustFiles {
  readonly operatorJwtFile: string;
  readonly systemAccount: string;
  readonly preload: Readonly<Record<string, string>>;
}

/** Reads the hub's view of an existing trust folder. */
export function hubTrustFiles(dir: string): HubTrustFiles {
  const system = readFileSync(join(dir, TRUST_FILES.systemAccountJwt), 'utf8').trim();
  const platform = readFileSync(join(dir, TRUST_FILES.platformAccountJwt), 'utf8').trim();
  return {
    operatorJwtFile: join(dir, TRUST_FILES.operatorJwt),
    systemAccount: subjectOf(system),
    preload: { [subjectOf(system)]: system, [subjectOf(platform)]: platform },
  };
}

/**
 * Creates the trust folder once: an operator with a signing key, the system and platform
 * accounts, a user in each for the platform, and the agents signing key every frontgate account
 * will accept. An existing folder is kept as it is (its accounts live in the hub's resolver).
 */
export async function ensureHubTrust(dir: string): Promise<HubTrustFiles> {
  if (!existsSync(join(dir, TRUST_FILES.platformCreds))) await writeNewTrust(dir);
  return hubTrustFiles(dir);
}

async function writeNewTrust(dir: string): Promise<void> {
  const operator = createOperator();
  const operatorSigning = createOperator();
  const system = createAccount();
  const platform = createAccount();
  const agentsSigning = createAccount();
  const operatorJwt = await encodeOperator('pitrix', operator, { system_account: system.getPublicKey(), signing_keys: [operatorSigning.getPublicKey()] });
  const systemJwt = await encodeAccount('SYS', system, { limits: UNLIMITED_ACCOUNT }, { signer: operatorSigning });
  const platformJwt = await encodeAccount('PLATFORM', platform, { limits: UNLIMITED_JETSTREAM_ACCOUNT }, { signer: operatorSigning });
  const files: Record<string, string> = {
    [TRUST_FILES.operatorJwt]: operatorJwt,
    [TRUST_FILES.operatorSeed]: new TextDecoder().decode(operator.getSeed()),
    [TRUST_FILES.operatorSigningSeed]: new TextDecoder().decode(operatorSigning.getSeed()),
    [TRUST_FILES.systemAccountJwt]: systemJwt,
    [TRUST_FILES.platformAccountJwt]: platformJwt,
    [TRUST_FILES.systemCreds]: await userCreds('platform-system', system),
    [TRUST_FILES.agentsSigningSeed]: new TextDecoder().decode(agentsSigning.getSeed()),
    // Written last: its presence marks a complete folder.
    [TRUST_FILES.platformCreds]: await userCreds('platform', platform),
  };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const [name, content] of Object.entries(files)) {
    const target = join(dir, name);
    writeFileSync(`${target}.tmp`, `${content}\n`, { mode: 0o600 });
    renameSync(`${target}.tmp`, target);
  }
}

async function userCreds(name: string, account: ReturnType<typeof createAccount>): Promise<string> {
  const user = createUser();
  return new TextDecoder().decode(fmtCreds(await encodeUser(name, user, account), user));
}

function subjectOf(jwt: string): string {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: string };
  if (!payload.sub) throw new Error('malformed account JWT in the trust folder');
  return payload.sub;
}
