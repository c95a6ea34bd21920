import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureDevTls } from '../dev-tls.js';

const run = promisify(execFile);

/** The user of the token that has no RBAC rights at all (it is only authenticated). */
export const NO_RIGHTS_USER = 'pitrix-no-rights';

/** The files and secrets a control plane starts with. */
export interface ControlPlaneCredentials {
  readonly caFile: string;
  readonly caPem: string;
  readonly servingCertFile: string;
  readonly servingKeyFile: string;
  readonly serviceAccountKeyFile: string;
  readonly serviceAccountPublicKeyFile: string;
  readonly tokenFile: string;
  readonly adminToken: string;
  readonly noRightsToken: string;
}

/**
 * Creates, once per folder, what the control plane needs: a CA and the API server's serving
 * certificate (127.0.0.1 and localhost) with openssl, the service-account signing key pair, and a
 * static token file with an admin (system:masters) and a user without rights. An existing set is
 * reused, so a restarted control plane keeps its kubeconfigs valid.
 */
export async function ensureControlPlaneCredentials(dir: string): Promise<ControlPlaneCredentials> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tls = await ensureDevTls(join(dir, 'tls'), { hosts: ['127.0.0.1', 'localhost'], serverName: 'kube-apiserver' });
  const serviceAccountKeyFile = join(dir, 'service-account-key.pem');
  const serviceAccountPublicKeyFile = join(dir, 'service-account.pem');
  if (!existsSync(serviceAccountKeyFile) || !existsSync(serviceAccountPublicKeyFile)) {
    await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', serviceAccountKeyFile]);
    await openssl(['pkey', '-in', serviceAccountKeyFile, '-pubout', '-out', serviceAccountPublicKeyFile]);
  }
  const tokenFile = join(dir, 'tokens.csv');
  if (!existsSync(tokenFile)) {
    const lines = [`${newToken()},admin,admin,system:masters`, `${newToken()},${NO_RIGHTS_USER},${NO_RIGHTS_USER}`];
    writeFileSync(tokenFile, `${lines.join('\n')}\n`, { mode: 0o600 });
  }
  const tokens = new Map(
    readFileSync(tokenFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [token, user] = line.split(',');
        return [user, token] as const;
      }),
  );
  const adminToken = tokens.get('admin');
  const noRightsToken = tokens.get(NO_RIGHTS_USER);
  if (!adminToken || !noRightsToken) throw new Error(`${tokenFile} lacks the admin or the ${NO_RIGHTS_USER} token; remove it to have it made again`);
  return {
    caFile: tls.caFile,
    caPem: readFileSync(tls.caFile, 'utf8'),
    servingCertFile: tls.certFile,
    servingKeyFile: tls.keyFile,
    serviceAccountKeyFile,
    serviceAccountPublicKeyFile,
    tokenFile,
    adminToken,
    noRightsToken,
  };
}

function newToken(): string {
  return randomBytes(24).toString('hex');
}

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args, { env: { ...process.env, OPENSSL_CONF: '/dev/null' } });
  } catch (err) {
    throw new Error(`openssl ${args[0]} failed (is the openssl CLI installed?): ${(err as { stderr?: string }).stderr ?? (err as Error).message}`);
  }
}
